import Foundation
import GRDB
import LiaisonCore

/// A state with everything the store keeps beside it (canonical JSON, display values and the
/// queryable columns), worked out once. Pure: it can be made outside the write transaction.
struct RecordRow: Sendable {
    let state: RecordState
    let json: String
    let display: String
    /// What the record is found by (``SearchText``).
    let search: String
    let values: [String: FieldValue]
    let tracks: String
    let deleted: Bool
    let conflicted: Bool

    /// The columns of `record` a row fills besides its id, key, sequence and source, in the
    /// order of ``columnValues``.
    static let columns = [
        "state", "type", "title", "office", "status", "tracks", "value_usd", "updated_at", "deleted", "conflicted",
        "search", "display",
    ]

    /// Reads a held record's ``columns``.
    static let heldSQL = "SELECT \(columns.joined(separator: ", ")) FROM record WHERE id = ?"

    /// Inserts a record: its id, key, sequence, source and ``columns``.
    static let insertSQL = """
        INSERT INTO record (id, key, seq, source, \(columns.joined(separator: ", ")))
        VALUES (?, ?, ?, ?\(String(repeating: ", ?", count: columns.count)))
        """

    /// The values of ``columns``, as SQLite stores them.
    var columnValues: [DatabaseValue] {
        [
            json.databaseValue, values["type"]?.textValue.databaseValue ?? .null,
            values["title"]?.textValue.databaseValue ?? .null, values["office"]?.textValue.databaseValue ?? .null,
            values["status"]?.textValue.databaseValue ?? .null, tracks.databaseValue,
            values["value_usd"]?.numberValue.databaseValue ?? .null, state.updatedAt.databaseValue,
            deleted.databaseValue, conflicted.databaseValue, search.databaseValue, display.databaseValue,
        ]
    }

    init(_ state: RecordState) {
        self.state = state
        json = state.canonicalJSON
        let summary = state.displaySummary
        let values = summary.values
        self.values = values
        display = DisplayValuesJSON.encode(values)
        search = SearchText.of(values)
        let trackList = values["tracks"]?.listValue ?? []
        tracks = trackList.isEmpty ? "" : "," + trackList.joined(separator: ",") + ","
        deleted = summary.deleted
        conflicted = summary.conflicted
    }
}

/// Saving a state with its queryable columns, at the next local sequence.
extension Database {
    /// Stores a state written at this node as the record's current state, at the next sequence
    /// number. Must run inside a write transaction.
    /// - Throws: ``StoreError`` `.refused` when the state would be over ``IntakeLimits/maxStateBytes``
    ///   (peers would refuse it).
    func save(_ state: RecordState) throws -> Int64 {
        let row = RecordRow(state)
        guard row.json.utf8.count <= IntakeLimits.maxStateBytes else {
            throw StoreError(
                .refused,
                "record \(state.id) would be \(row.json.utf8.count) bytes, over the limit of \(IntakeLimits.maxStateBytes): resolve its conflicts first"
            )
        }
        let sequence = try Int64.fetchOne(cachedStatement(sql: "UPDATE node SET sequence = sequence + 1 RETURNING sequence"))!
        try insert(row, at: sequence, source: nil)
        return sequence
    }

    /// Stores a row at a sequence number the caller took (and will record in `node`). `source`
    /// is the replica id of a peer known to hold exactly this state (it sent it), so that sync
    /// does not send it back.
    ///
    /// A record held is updated in only the columns whose values change (besides its sequence
    /// and source), so that SQLite rewrites only the indexes of those columns: SQLite picks the
    /// indexes to maintain from the columns an UPDATE sets, not from their values. A record not
    /// held is inserted as ``insertNew(_:at:source:)`` does.
    func insert(_ row: RecordRow, at sequence: Int64, source: String?) throws {
        guard let stored = try Row.fetchOne(cachedStatement(sql: RecordRow.heldSQL), arguments: [row.state.id]) else {
            return try insertNew(row, at: sequence, source: source)
        }
        let values = row.columnValues
        let changed = RecordRow.columns.indices.filter { (stored[$0] as DatabaseValue) != values[$0] }
        let update = try cachedStatement(
            sql: "UPDATE record SET seq = ?, source = ?" + changed.map { ", \(RecordRow.columns[$0]) = ?" }.joined()
                + " WHERE id = ?"
        )
        try update.execute(
            arguments: StatementArguments(
                [sequence.databaseValue, source.databaseValue] + changed.map { values[$0] } + [row.state.id.databaseValue]
            )
        )
    }

    /// Inserts the row of a record not held yet (the caller knows), keyed by `sequence` for its
    /// life; see ``insert(_:at:source:)``.
    func insertNew(_ row: RecordRow, at sequence: Int64, source: String?) throws {
        let ids = [row.state.id.databaseValue, sequence.databaseValue, sequence.databaseValue, source.databaseValue]
        try cachedStatement(sql: RecordRow.insertSQL).execute(arguments: StatementArguments(ids + row.columnValues))
    }

    /// The stored states of those of `ids` that are stored, as canonical JSON by id: one query
    /// for a whole batch.
    func storedStates(ids: [String]) throws -> [String: String] {
        var found: [String: String] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(
                self,
                sql: "SELECT id, state FROM record WHERE id IN (\(marks))",
                arguments: StatementArguments(Array(chunk))
            )
            while let row = try rows.next() { found[row[0]] = row[1] }
        }
        return found
    }

    /// The stored state of a record, if any.
    func loadState(id: String) throws -> RecordState? {
        let statement = try cachedStatement(sql: "SELECT state FROM record WHERE id = ?")
        guard let json = try String.fetchOne(statement, arguments: [id]) else { return nil }
        return try RecordState(json: Data(json.utf8))
    }
}
