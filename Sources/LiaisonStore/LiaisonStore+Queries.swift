import Foundation
import GRDB
public import LiaisonCore

/// Counts a node shows on its status page, kept as the store changes (never counted per request).
public struct StoreCounts: Hashable, Sendable {
    /// Live (not deleted) records.
    public let records: Int
    /// Records, deleted or not, with at least one field in conflict.
    public let conflicted: Int
    /// Deleted records.
    public let deleted: Int
    /// Live records by status (statuses with none left out).
    public let statuses: [String: Int]
}

extension LiaisonStore {
    /// Past this many matches a page's total says "more than" instead of counting on.
    public static let exactTotalLimit = 10_000

    /// A page of the records matching `query`: `query.cursor` (a `next` or `previous` of an
    /// earlier page) says where it starts; without one, `query.offset` (meant for small offsets).
    /// Reads only the rows shown, whatever the depth, and counts matches only up to
    /// ``exactTotalLimit`` (or reads the kept counts).
    /// - Throws: ``StoreError`` `.invalid` for a cursor this node did not give out, one of
    ///   another order, or a cursor together with an offset.
    public func page(_ query: RecordQuery) async throws -> RecordPage {
        let cursor = try query.cursor.map { try ListCursor(token: $0, sort: query.sort) }
        guard cursor == nil || query.offset == 0 else { throw StoreError(.invalid, "give a cursor or an offset, not both") }
        let limit = query.limit
        // Only Sendable values leave the read (ids and keys, not rows), so that it runs on GRDB's
        // reader without blocking a thread of Swift's pool while it waits for one.
        let (shown, states, hasPrevious, hasNext, total) = try await database.read { db in
            var sql = RecordListSQL(query)
            try sql.choosingIndex(db)
            var rows: [Row]
            // The matches counted by the walk, when it did (a search read first).
            var counted: Int?
            var hasPrevious = cursor != nil || query.offset > 0
            var hasNext: Bool
            if let cursor, cursor.backward {
                // Walked backwards from the cursor: one row more says another page lies before.
                let walked = try sql.walk(db, from: cursor, limit: limit + 1)
                (hasPrevious, counted) = (walked.rows.count > limit, walked.total)
                rows = Array(walked.rows.prefix(limit).reversed())
                hasNext = !rows.isEmpty
            } else if cursor == nil && query.offset > 0 {
                let (source, sourceArguments) = sql.table
                let (conditions, arguments) = sql.filter(ordered: true)
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, \(sql.column) FROM \(source) WHERE \(conditions.joined(separator: " AND "))
                        ORDER BY \(sql.order) LIMIT ? OFFSET ?
                        """,
                    arguments: sourceArguments + arguments + [limit + 1, query.offset]
                )
                hasNext = rows.count > limit
            } else {
                (rows, counted) = try sql.walk(db, from: cursor, limit: limit + 1)
                hasNext = rows.count > limit
            }
            let shown = rows.prefix(limit).map { (id: $0[0] as String, key: $0[1] as DatabaseValue) }
            // The states of the rows shown only, read by id once the page is known.
            let states = try db.storedStates(ids: shown.map(\.id))
            let total = try counted.map { RecordTotal(counted: $0, limit: Self.exactTotalLimit) } ?? sql.total(db, limit: Self.exactTotalLimit)
            return (shown, states, hasPrevious, hasNext, total)
        }
        func token(_ row: (id: String, key: DatabaseValue)?, backward: Bool) -> String? {
            row.map { ListCursor(sort: query.sort, backward: backward, key: $0.key, id: $0.id).token }
        }
        return RecordPage(
            states: try shown.compactMap { row in try states[row.id].map { try RecordState(json: Data($0.utf8)) } },
            next: hasNext ? token(shown.last, backward: false) : nil,
            previous: hasPrevious ? token(shown.first, backward: true) : nil,
            total: total
        )
    }

    /// Records matching `query` from `query.offset` on, with the exact number that match.
    /// Counting every match grows with the store: lists a person pages through use ``page(_:)``.
    public func list(_ query: RecordQuery) async throws -> (states: [RecordState], total: Int) {
        let sql = RecordListSQL(query)
        let (rows, total) = try await database.read { db in
            let (conditions, arguments) = sql.filter(ordered: true)
            let rows = try String.fetchAll(
                db,
                sql: """
                    SELECT state FROM record WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY \(sql.order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [query.limit, query.offset]
            )
            return (rows, try sql.exactTotal(db))
        }
        return (try rows.map { try RecordState(json: Data($0.utf8)) }, total)
    }

    /// Records, conflicts, deletions and live records by status, from the kept counts.
    public func counts() async throws -> StoreCounts {
        try await database.read { db in
            let kept = try Dictionary(
                Row.fetchAll(db, sql: "SELECT key, n FROM record_count WHERE n <> 0 AND key NOT LIKE 'office:%' AND key NOT LIKE 'tracks:%'")
                    .map { ($0[0] as String, $0[1] as Int) },
                uniquingKeysWith: +
            )
            let statuses = Dictionary(
                uniqueKeysWithValues: kept.compactMap { key, count in
                    key.hasPrefix("status:0:") && key.count > "status:0:".count ? (String(key.dropFirst("status:0:".count)), count) : nil
                }
            )
            return StoreCounts(
                records: kept["records:0"] ?? 0,
                conflicted: kept["conflicted"] ?? 0,
                deleted: kept["records:1"] ?? 0,
                statuses: statuses
            )
        }
    }
}
