import Foundation
import GRDB
public import LiaisonCore

/// What every node shows for a live record: its display values, whether any field is in
/// conflict, and when it was last written. Read without decoding the record's state.
public struct DisplayedRecord: Hashable, Sendable {
    /// The record id.
    public let id: String
    /// The display value of each field (cleared fields left out).
    public let values: [String: FieldValue]
    /// Whether a field is in conflict, so figures built on it are provisional.
    public let conflicted: Bool
    /// The wall-clock time of the latest live write (ms since 1970).
    public let updatedAt: Int64

    /// A displayed record.
    public init(id: String, values: [String: FieldValue], conflicted: Bool, updatedAt: Int64) {
        self.id = id
        self.values = values
        self.conflicted = conflicted
        self.updatedAt = updatedAt
    }
}

extension LiaisonStore {
    /// Every live (not deleted) record as it displays, in sequence order, read in one
    /// transaction so that a report sees one consistent moment of the store.
    public func displayedRecords() async throws -> [DisplayedRecord] {
        try await database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, display, conflicted, updated_at FROM record WHERE deleted = 0 ORDER BY seq"
            )
            var records: [DisplayedRecord] = []
            while let row = try rows.next() { records.append(try DisplayedRecord(row: row)) }
            return records
        }
    }
}

/// The display column is a cache of each state's display values, worked out by the app's
/// current code: migration v2 added it at '{}' (frozen SQL), and the store fills it on open.
extension Database {
    /// Whether the rows migration v2 left at '{}' are still to be filled. One row tells: the
    /// filling is one transaction and comes before any write, so either every row older than
    /// the column is filled or none is.
    func displayValuesUnfilled() throws -> Bool {
        try String.fetchOne(self, sql: "SELECT display FROM record LIMIT 1") == "{}"
    }

    /// Fills the display values (and the search text, ``SearchText``) of the rows at '{}' from
    /// their states, a page of rows at a time.
    /// Must run inside a write transaction.
    func fillDisplayValues() throws {
        let update = try makeStatement(sql: "UPDATE record SET display = ?, search = ? WHERE rowid = ?")
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                self,
                sql: """
                    SELECT rowid, id, state FROM record WHERE display = '{}' AND rowid > ? ORDER BY rowid LIMIT 1000
                    """,
                arguments: [after]
            )
            guard let last = rows.last else { return try refreshStaleSearch() }
            for row in rows {
                let id: String = row[1]
                let json: String = row[2]
                let state: RecordState
                do { state = try RecordState(json: Data(json.utf8)) } catch {
                    throw StoreError(.invalid, "record \(id): \(error)")
                }
                let filled = RecordRow(state)
                try update.execute(arguments: [filled.display, filled.search, row[0] as Int64])
            }
            after = last[0]
        }
    }
}
