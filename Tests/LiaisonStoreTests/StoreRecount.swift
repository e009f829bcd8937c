import Foundation
import GRDB
import LiaisonCore

@testable import LiaisonStore

/// The store's file read directly, to check what the store keeps against a count from scratch.
struct StoreRecount {
    let file: URL

    init(directory: URL) { file = directory.appendingPathComponent("liaison.sqlite") }

    /// The kept counts (keys with a count other than 0).
    func kept() throws -> [String: Int] {
        try read(
            """
            SELECT key, n FROM record_count WHERE n <> 0
            UNION ALL SELECT 'combination:' || deleted || ':' || office || ':' || status || ':' || tracks, n
                FROM record_combination_count WHERE n <> 0
            UNION ALL SELECT key || ':records', n FROM \(Self.overviewKeys) WHERE n <> 0
            UNION ALL SELECT key || ':cents', cents FROM \(Self.overviewKeys) WHERE cents <> 0
            """
        )
    }

    /// The same counts made from every record.
    func recounted() throws -> [String: Int] {
        try read(
            """
            SELECT key, n FROM (
                SELECT 'records:' || deleted AS key, count(*) AS n FROM record GROUP BY 1
                UNION ALL SELECT 'office:' || deleted || ':' || ifnull(office, ''), count(*) FROM record GROUP BY 1
                UNION ALL SELECT 'status:' || deleted || ':' || ifnull(status, ''), count(*) FROM record GROUP BY 1
                UNION ALL SELECT 'tracks:' || deleted || ':' || tracks, count(*) FROM record GROUP BY 1
                UNION ALL SELECT 'conflicted', count(*) FROM record WHERE conflicted = 1
                UNION ALL SELECT 'combination:' || deleted || ':' || ifnull(office, '') || ':' || ifnull(status, '') || ':' || tracks,
                    count(*) FROM record GROUP BY 1
                UNION ALL SELECT key || ':records', count(*) FROM \(Self.overviewFacts) GROUP BY key
                UNION ALL SELECT key || ':cents', sum(cents) FROM \(Self.overviewFacts) GROUP BY key)
            WHERE n <> 0
            """
        )
    }

    /// The overview's kept counts (`report_overview_count`), keyed by their combination.
    static let overviewKeys = """
        (SELECT 'overview:' || office || ':' || status || ':' || tracks || ':' || conflicted || ':' || value_basis AS key, n, cents
         FROM report_overview_count)
        """

    /// The same combinations of every report fact, one row a fact, with its value in cents.
    static let overviewFacts = """
        (SELECT 'overview:' || ifnull(office, '') || ':' || ifnull(status, '') || ':' || tracks || ':' || conflicted || ':'
            || CASE WHEN typeof(value_basis) = 'text' THEN value_basis ELSE '' END AS key,
            CAST(round(ifnull(value_usd, 0) * 100) AS INTEGER) AS cents
         FROM report_fact)
        """

    /// Records whose search text is not the folded text of their display values, or, for a
    /// record in conflict, lacks the folded text of any of its values (the texts gathered here
    /// with SQLite's json_tree, apart from the store's code, then folded by ``SearchFolding``);
    /// throws when the search index is not in step with the texts (FTS5's integrity check
    /// against its content).
    func searchRowsOutOfStep() throws -> Int {
        let notDate = "value NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
        return try DatabaseQueue(path: file.path).write { db in
            try db.execute(sql: "INSERT INTO record_fts (record_fts, rank) VALUES ('integrity-check', 1)")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT search, conflicted, coalesce((
                        SELECT group_concat(value, ' ') FROM json_tree(record.display) WHERE type = 'text' AND \(notDate)), ''),
                    CASE WHEN conflicted = 1 THEN (
                        SELECT group_concat(f.value, char(31)) FROM json_each(record.state, '$.writes') AS w,
                            json_tree(w.value, '$.fields') AS f
                        WHERE f.type = 'text' AND f.\(notDate)) END
                    FROM record
                    """
            ).filter { row in
                let search: String = row[0]
                guard row[1] as Bool else { return search != SearchFolding.indexed(row[2]) }
                let values = (row[3] as String? ?? "").split(separator: "\u{1F}")
                return values.contains { !search.contains(SearchFolding.folded(String($0))) }
            }.count
        }
    }

    /// Records whose columns are not what their state gives (a change that left a column
    /// behind), or whose key is missing or not the sequence they were first stored at or before.
    func rowsUnlikeTheirStates() throws -> Int {
        let columns = RecordRow.columns.joined(separator: ", ")
        return try DatabaseQueue(path: file.path).read { db in
            try Row.fetchAll(db, sql: "SELECT key, seq, \(columns) FROM record").filter { row in
                let state = try RecordState(json: Data((row["state"] as String).utf8))
                let stored = RecordRow.columns.indices.map { row[$0 + 2] as DatabaseValue }
                let key: Int64? = row["key"]
                return stored != RecordRow(state).columnValues || key == nil || key! > row["seq"]
            }.count
        }
    }

    private func read(_ sql: String) throws -> [String: Int] {
        try DatabaseQueue(path: file.path).read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as Int) })
        }
    }
}
