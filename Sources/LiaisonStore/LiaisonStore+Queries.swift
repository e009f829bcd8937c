import Foundation
import GRDB
import LiaisonCore

/// Counts a node shows on its status page.
public struct StoreCounts: Hashable, Sendable {
    /// Live (not deleted) records.
    public let records: Int
    /// Records, deleted or not, with at least one field in conflict.
    public let conflicted: Int
    /// Deleted records.
    public let deleted: Int
}

extension LiaisonStore {
    /// Records matching `query`, with the total number that match (for paging).
    public func list(_ query: RecordQuery) async throws -> (states: [RecordState], total: Int) {
        let (filter, arguments) = query.sqlFilter
        let page = arguments + [query.limit, query.offset]
        let (rows, total) = try await database.read { db in
            let rows = try String.fetchAll(
                db, sql: "SELECT state FROM record \(filter) ORDER BY \(query.sqlOrder) LIMIT ? OFFSET ?", arguments: page)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM record \(filter)", arguments: arguments) ?? 0
            return (rows, total)
        }
        return (try rows.map { try RecordState(json: Data($0.utf8)) }, total)
    }

    /// Records, conflicts and deletions counted.
    public func counts() async throws -> StoreCounts {
        try await database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(deleted = 0), 0), coalesce(sum(conflicted), 0), coalesce(sum(deleted), 0) FROM record
                """)!
            return StoreCounts(records: row[0], conflicted: row[1], deleted: row[2])
        }
    }
}
