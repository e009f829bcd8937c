import GRDB

/// How many records a list matches: from the kept counts when they answer it, else counted no
/// further than the list shows ("more than 10,000"), from the search index alone where it can tell.
extension RecordListSQL {
    /// How many records match: exact when the kept counts answer it or at most `limit` match,
    /// else "more than `limit`", found by counting no further than that.
    func total(_ db: Database, limit: Int) throws -> RecordTotal {
        if let kept = try keptTotal(db) { return .exact(kept) }
        if try searchMatchesMoreThan(limit, db) { return .moreThan(limit) }
        let (matches, arguments) = matching
        let counted =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM (\(matches) LIMIT ?)",
                arguments: arguments + [limit + 1]
            ) ?? 0
        return RecordTotal(counted: counted, limit: limit)
    }

    /// Every match counted, from the kept counts when they answer it.
    func exactTotal(_ db: Database) throws -> Int {
        if let kept = try keptTotal(db) { return kept }
        let (matches, arguments) = matching
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(matches))", arguments: arguments) ?? 0
    }

    /// The total from the kept counts when the query has no text: the conflicted count for
    /// conflicted records alone, else the sum of the counts per combination of office, status
    /// and tracks that the filters take in. Nil otherwise, and for an empty office or status,
    /// which the counts hold as `''` for records with none (the list matches none of those).
    private func keptTotal(_ db: Database) throws -> Int? {
        guard query.text == nil else { return nil }
        if query.conflictedOnly {
            guard query.office == nil, query.status == nil, query.track == nil, !query.deleted else { return nil }
            return try Int.fetchOne(db, sql: "SELECT n FROM record_count WHERE key = 'conflicted'") ?? 0
        }
        return try keptCount(db)
    }

    /// From the kept counts, the records that the filters other than the search keep. Nil for
    /// conflicted records alone (the counts per combination hold no conflicts) and for an empty
    /// office or status (see ``keptTotal(_:)``).
    private func keptCount(_ db: Database) throws -> Int? {
        guard !query.conflictedOnly, query.office != "", query.status != "" else { return nil }
        // The list's own conditions (deleted, office, status, track) name columns the counts have.
        let (conditions, arguments) = filter(ordered: false, search: false)
        return try Int.fetchOne(
            db,
            sql: "SELECT coalesce(sum(n), 0) FROM record_combination_count WHERE \(conditions.joined(separator: " AND "))",
            arguments: arguments
        )
    }

    /// Whether more than `limit` records match a search, told by the search index alone: when the
    /// index matches more records than `limit` and all those the filters leave out together (the
    /// deleted ones, for a search without filters), more than `limit` of its matches are records
    /// the filters keep. The index reads a match in about a sixth of the time it takes to find
    /// its row and ask the filters (at a million records, 10,095 of them deleted, `q=lithium`:
    /// 4–5 ms to read 20,096 matches, 13–14 ms to find 10,001 rows). Tried only when the search
    /// matches more than ``keysReadAtMost`` records and the filters leave out at most twice
    /// `limit`, so that a search it cannot tell costs at most about as much again.
    private func searchMatchesMoreThan(_ limit: Int, _ db: Database) throws -> Bool {
        guard let match, matchedKeys == nil, let kept = try keptCount(db) else { return false }
        let all = try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM record_count WHERE key IN ('records:0', 'records:1')") ?? 0
        let leftOut = all - kept
        guard leftOut <= 2 * limit else { return false }
        let indexed =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM (SELECT 1 FROM record_fts WHERE record_fts MATCH ? LIMIT ?)",
                arguments: [match, limit + leftOut + 1]
            ) ?? 0
        return indexed > limit + leftOut
    }
}
