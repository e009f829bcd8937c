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
    func insert(_ row: RecordRow, at sequence: Int64, source: String?) throws {
        let statement = try cachedStatement(
            sql: """
                INSERT INTO record (id, seq, state, type, title, office, status, tracks, value_usd, updated_at,
                                    deleted, conflicted, search, source, display)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, state = excluded.state, type = excluded.type,
                    title = excluded.title, office = excluded.office, status = excluded.status,
                    tracks = excluded.tracks, value_usd = excluded.value_usd, updated_at = excluded.updated_at,
                    deleted = excluded.deleted, conflicted = excluded.conflicted, search = excluded.search,
                    source = excluded.source, display = excluded.display
                """
        )
        let values = row.values
        try statement.execute(arguments: [
            row.state.id, sequence, row.json, values["type"]?.textValue, values["title"]?.textValue,
            values["office"]?.textValue, values["status"]?.textValue, row.tracks, values["value_usd"]?.numberValue,
            row.state.updatedAt, row.deleted, row.conflicted, row.search, source, row.display,
        ])
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
