import Foundation
import GRDB
public import LiaisonCore

extension LiaisonStore {
    /// A record's write events (docs/design.md §10), in dot order; empty when the record is unknown.
    public func events(id: String) async throws -> [WriteEvent] {
        try await database.read { db in try db.events(recordID: id, after: 0) }
    }

    /// The timeline of the record `id` names (as ``state(id:)`` reads it), newest first, or nil
    /// when there is no such record.
    public func history(id: String) async throws -> [HistoryEntry]? {
        try await history(id: id, after: nil, limit: .max)?.entries
    }

    /// Up to `limit` entries of the timeline of the record `id` names (as ``state(id:)`` reads
    /// it), newest first, from just after the entry `cursor` names (``HistoryPage/next`` of the
    /// page before), or nil when there is no such record.
    /// - Throws: ``StoreError`` `.invalid` when `cursor` names no write of the record.
    public func history(id: String, after cursor: Dot?, limit: Int) async throws -> HistoryPage? {
        try await database.read { db in
            guard let id = try db.loadState(given: id)?.id else { return nil }
            guard let page = HistoryEntry.page(of: try db.events(recordID: id, after: 0), after: cursor, limit: limit) else {
                throw StoreError(.invalid, "record \(id) has no write \(cursor!) to continue its history after")
            }
            return page
        }
    }
}

/// The write log beside the states.
extension Database {
    /// The events of a record that entered this node's log after `sequence`, in dot order, read
    /// as stored: a time outside the range peers accept is shown, not refused
    /// (``WriteEvent/init(storedJSON:)``).
    func events(recordID: String, after sequence: Int64) throws -> [WriteEvent] {
        try eventJSON(recordID: recordID, after: sequence).map { json in
            do { return try WriteEvent(storedJSON: Data(json.utf8)) } catch {
                throw StoreError(.invalid, "record \(recordID): stored event: \(error)")
            }
        }
    }

    /// The canonical JSON of the events of a record that entered this node's log after `sequence`.
    func eventJSON(recordID: String, after sequence: Int64) throws -> [String] {
        try String.fetchAll(
            cachedStatement(sql: "SELECT event FROM event WHERE record_id = ? AND seq > ? ORDER BY replica, counter"),
            arguments: [recordID, sequence]
        )
    }

    /// The stored event under the dot of `event`, if any.
    func storedEvent(recordID: String, dot: Dot) throws -> WriteEvent? {
        let json = try String.fetchOne(
            cachedStatement(sql: "SELECT event FROM event WHERE record_id = ? AND replica = ? AND counter = ?"),
            arguments: [recordID, dot.replica, Int64(dot.counter)]
        )
        return try json.map { json in
            do { return try WriteEvent(storedJSON: Data(json.utf8)) } catch {
                throw StoreError(.invalid, "record \(recordID): stored event \(dot): \(error)")
            }
        }
    }

    /// Adds (or replaces) an event in the log at `sequence`; `canonicalJSON` is the event's,
    /// when the caller made it before the transaction. Must run inside a write transaction.
    func log(_ event: WriteEvent, canonicalJSON: String? = nil, at sequence: Int64) throws {
        try cachedStatement(
            sql: """
                INSERT INTO event (record_id, replica, counter, seq, event) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(record_id, replica, counter) DO UPDATE SET seq = excluded.seq, event = excluded.event
                """
        ).execute(
            arguments: [event.recordID, event.dot.replica, Int64(event.dot.counter), sequence, canonicalJSON ?? event.canonicalJSON]
        )
    }

    /// Whether the store holds records but no events: it was made before the log existed (or
    /// holds only states that came without events), so its events are still to be reconstructed.
    func eventsUnfilled() throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS(SELECT 1 FROM record) AND NOT EXISTS(SELECT 1 FROM event)")!
    }

    /// Gives every record events made from its live entries (``RecordState/reconstructedEvents``),
    /// at the record's sequence, a page of records at a time. Must run inside a write transaction.
    func reconstructEvents() throws {
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                self,
                sql: """
                    SELECT rowid, id, seq, state FROM record WHERE rowid > ? ORDER BY rowid LIMIT 1000
                    """,
                arguments: [after]
            )
            guard let last = rows.last else { return }
            for row in rows {
                let id: String = row[1]
                let json: String = row[3]
                let state: RecordState
                do { state = try RecordState(json: Data(json.utf8)) } catch {
                    throw StoreError(.invalid, "record \(id): \(error)")
                }
                for event in state.reconstructedEvents { try log(event, at: row[2]) }
            }
            after = last[0]
        }
    }
}
