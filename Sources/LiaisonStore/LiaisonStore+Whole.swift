import Foundation
import GRDB
public import LiaisonCore

/// Whole lists: every record that matches a query, read in one transaction (one consistent
/// moment of the store) through a cursor, so that memory holds one record at a time however
/// many match. `query.limit` and `query.offset` still apply: give `Int.max` for every match.
extension LiaisonStore {
    /// How many records match `query`'s filters (its limit and offset aside).
    public func count(matching query: RecordQuery) async throws -> Int {
        let (conditions, arguments) = RecordListSQL(query).filter(ordered: false)
        return try await database.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM record WHERE \(conditions.joined(separator: " AND "))",
                arguments: arguments
            ) ?? 0
        }
    }

    /// Calls `body` with each matching record's state, in the query's order. Blocks the
    /// calling thread: for commands, and for ``displayedChunks(matching:chunkSize:)``.
    public func forEachState(matching query: RecordQuery, _ body: (RecordState) throws -> Void) throws {
        try forEachRow(matching: query, columns: "state") { row in
            let json: String = row[0]
            try body(try RecordState(json: Data(json.utf8)))
        }
    }

    /// Calls `body` with each matching record as it displays, with its version, in the query's
    /// order, without decoding states. Blocks the calling thread.
    public func forEachDisplayed(matching query: RecordQuery, _ body: (VersionedRecord) throws -> Void) throws {
        try forEachRow(matching: query, columns: VersionedRecord.columns) { row in
            try body(try VersionedRecord(row: row))
        }
    }

    private func forEachRow(matching query: RecordQuery, columns: String, _ body: (Row) throws -> Void) throws {
        let list = RecordListSQL(query)
        let (conditions, arguments) = list.filter(ordered: false)
        let sql = """
            SELECT \(columns) FROM record WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(list.order) LIMIT ? OFFSET ?
            """
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments + [query.limit, query.offset])
            while let row = try rows.next() { try body(row) }
        }
    }
}

extension DisplayedRecord {
    /// Reads `id, display, conflicted, updated_at`.
    init(row: Row) throws {
        let id: String = row[0]
        let json: String = row[1]
        do {
            self.init(id: id, values: try DisplayValuesJSON.decode(json), conflicted: row[2], updatedAt: row[3])
        } catch {
            throw StoreError(.invalid, "record \(id): \(error)")
        }
    }
}
