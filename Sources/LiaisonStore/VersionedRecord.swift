import GRDB
public import LiaisonCore

/// A record as it displays, with its version: what a CSV export writes of it (``RecordCSV``),
/// so that an import of the file writes each row against the version it was exported at.
public struct VersionedRecord: Hashable, Sendable {
    /// What every node shows for the record.
    public let record: DisplayedRecord
    /// The record's version (its whole context).
    public let version: VersionToken

    /// A record with its version.
    public init(record: DisplayedRecord, version: VersionToken) {
        self.record = record
        self.version = version
    }

    /// The columns ``init(row:)`` reads: those of ``DisplayedRecord``, then the context as
    /// `replica:n,...`, read by SQLite from the state without decoding it in Swift.
    static let columns =
        "id, display, conflicted, updated_at, (SELECT group_concat(key || ':' || value, ',') FROM json_each(state, '$.context'))"

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
        self.init(record: record, version: VersionToken(context: VersionVector(counters)))
    }
}
