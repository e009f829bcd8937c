import Foundation
import GRDB
import LiaisonCore

/// Saving a state with its queryable columns, at the next local sequence.
extension Database {
    /// Stores `state` as the record's current state and gives it the next sequence number.
    /// `source` is the replica id of a peer known to hold exactly this state (it sent it), so
    /// that sync does not send it back. Must run inside a write transaction.
    func save(_ state: RecordState, source: String? = nil) throws -> Int64 {
        try cachedStatement(sql: "UPDATE node SET sequence = sequence + 1").execute()
        let sequence = try Int64.fetchOne(cachedStatement(sql: "SELECT sequence FROM node"))!
        let values = state.displayValues
        let tracks = values["tracks"]?.listValue ?? []
        let searchable = ["title", "us_party", "in_party", "counterpart_agency", "officer", "notes"]
            .compactMap { values[$0]?.textValue }.joined(separator: "\n").lowercased()
        let statement = try cachedStatement(sql: """
            INSERT INTO record (id, seq, state, type, title, office, status, tracks, value_usd, updated_at,
                                deleted, conflicted, search, source, display)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, state = excluded.state, type = excluded.type,
                title = excluded.title, office = excluded.office, status = excluded.status,
                tracks = excluded.tracks, value_usd = excluded.value_usd, updated_at = excluded.updated_at,
                deleted = excluded.deleted, conflicted = excluded.conflicted, search = excluded.search,
                source = excluded.source, display = excluded.display
            """)
        try statement.execute(arguments: [
            state.id, sequence, state.canonicalJSON, values["type"]?.textValue, values["title"]?.textValue,
            values["office"]?.textValue, values["status"]?.textValue,
            tracks.isEmpty ? "" : "," + tracks.joined(separator: ",") + ",",
            values["value_usd"]?.numberValue, state.updatedAt, state.isDeleted,
            !state.conflictedFields.isEmpty, searchable, source, DisplayValuesJSON.encode(values),
        ])
        return sequence
    }

    /// The stored state of a record, if any.
    func loadState(id: String) throws -> RecordState? {
        let statement = try cachedStatement(sql: "SELECT state FROM record WHERE id = ?")
        guard let json = try String.fetchOne(statement, arguments: [id]) else { return nil }
        return try RecordState(json: Data(json.utf8))
    }
}
