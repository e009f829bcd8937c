import GRDB
public import LiaisonCore

/// A record as it displays, whether it is deleted, and its version: what a CSV export writes of
/// it (``RecordCSV``), so that an import of the file writes each row against the version it was
/// exported at, and a deleted record stays deleted.
public struct VersionedRecord: Hashable, Sendable {
    /// What every node shows for the record.
    public let record: DisplayedRecord
    /// Whether the record shows as deleted.
    public let deleted: Bool
    /// The record's version (its whole context).
    public let version: VersionToken

    /// A record with whether it is deleted and its version.
    public init(record: DisplayedRecord, deleted: Bool, version: VersionToken) {
        self.record = record
        self.deleted = deleted
        self.version = version
    }

    /// The columns ``init(row:)`` reads: those of ``DisplayedRecord``, then the context as
    /// `replica:n,...`, read by SQLite from the state without decoding it in Swift, and `deleted`.
    static let columns =
        "id, display, conflicted, updated_at, (SELECT group_concat(key || ':' || value, ',') FROM json_each(state, '$.context')), deleted"

    /// Reads ``columns``.
    init(row: Row) throws {
        let record = try DisplayedRecord(row: row)
        var counters: [String: UInt64] = [:]
        let context: String = row[4] ?? ""
        for entry in context.split(separator: ",") {
            guard let colon = entry.lastIndex(of: ":"), let counter = UInt64(entry[entry.index(after: colon)...]) else {
                throw StoreError(.invalid, "record \(record.id): stored context entry \"\(entry)\"")
            }
            counters[String(entry[..<colon])] = counter
        }
        self.init(record: record, deleted: row[5], version: VersionToken(context: VersionVector(counters)))
    }
}
