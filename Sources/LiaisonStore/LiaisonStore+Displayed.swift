import Foundation
import GRDB
import LiaisonCore

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
                db, sql: "SELECT id, display, conflicted, updated_at FROM record WHERE deleted = 0 ORDER BY seq")
            var records: [DisplayedRecord] = []
            while let row = try rows.next() { records.append(try DisplayedRecord(row: row)) }
            return records
        }
    }
}
