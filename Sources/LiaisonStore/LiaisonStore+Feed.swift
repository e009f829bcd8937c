import Foundation
import GRDB
import LiaisonCore

/// A page of the changes feed: each record once, at the sequence of its latest change.
public struct ChangesPage: Sendable {
    /// One record's whole state in canonical JSON, with its local sequence.
    public struct Change: Sendable {
        /// The local sequence of the record's latest change.
        public let sequence: Int64
        /// The record's state in canonical JSON.
        public let json: String
        /// The canonical JSON of the record's write events that entered this node's log after
        /// the page's `since` (docs/design.md §10), in the order the log took them (its `seq`,
        /// then replica and counter).
        public let events: [String]
    }

    /// The states, in sequence order.
    public let states: [Change]
    /// The sequence of the last state in the page (or `since` when the page is empty, or stops
    /// inside its one record's events).
    public let lastSequence: Int64
    /// Whether more changes follow.
    public let more: Bool
    /// Set when the page is one state with only a run of its events, the rest to come: where
    /// the next page goes on (``LiaisonStore/changes(since:limit:maxBytes:excluding:eventsSince:pagingEvents:eventsAfter:)``).
    public var eventsAfter: EventCursor? = nil

    /// The bytes of its states and events as JSON: what `maxBytes` bounds.
    public var bytes: Int {
        states.reduce(0) { total, change in change.events.reduce(total + change.json.utf8.count) { $0 + $1.utf8.count } }
    }
}

extension LiaisonStore {
    /// States with sequence > `since`, in order, each with its events that entered the log after
    /// `since`: at most `limit` states and, past the first, at most `maxBytes` of JSON (events
    /// included).
    ///
    /// `eventsSince` (default `since`) is where the reader may lack events: a sync that pages
    /// on from a checkpoint passes where its pass started (``eventCheckpoint(peer:direction:)``).
    ///
    /// With `pagingEvents`, a first state whose events make it larger than `maxBytes` comes with
    /// a run of them that fits (one at least), `lastSequence` stays at `since` and ``ChangesPage/eventsAfter``
    /// says where its events go on: the next page, asked for with the same `since` and that
    /// cursor as `eventsAfter`, carries the state again with the events after it. A cursor of
    /// a record that is no longer the first state after `since` (written to since, and now
    /// behind others) is passed over: the record comes later with all its events.
    ///
    /// States that the replica `excluding` sent us exactly as they are are skipped (it holds
    /// them already); `lastSequence` still moves past them, so its checkpoint advances.
    public func changes(
        since: Int64,
        limit: Int,
        maxBytes: Int = .max,
        excluding: String? = nil,
        eventsSince: Int64? = nil,
        pagingEvents: Bool = false,
        eventsAfter: EventCursor? = nil
    ) async throws -> ChangesPage {
        let eventsSince = min(eventsSince ?? since, since)
        return try await database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT seq, state, id FROM record WHERE seq > ? AND (source IS NULL OR source IS NOT ?)
                    ORDER BY seq LIMIT ?
                    """
            )
            let rows = try Row.fetchCursor(statement, arguments: [since, excluding, limit + 1])
            var states: [ChangesPage.Change] = []
            var bytes = 0
            var more = false
            while let row = try rows.next() {
                if states.count == limit {
                    more = true
                    break
                }
                let (sequence, json, id): (Int64, String, String) = (row[0], row[1], row[2])
                let resumed = states.isEmpty ? eventsAfter.flatMap { $0.recordID == id ? $0 : nil } : nil
                // Only a first state sent whole needs all its events read; for any other, reading
                // stops once they are over what the page has left (a page of a long history would
                // otherwise read all of the rest of it).
                let room = states.isEmpty && !pagingEvents ? Int.max : maxBytes - bytes - json.utf8.count
                let events = try db.loggedEvents(recordID: id, after: eventsSince, resuming: resumed, stoppingPast: room)
                let size = events.reduce(json.utf8.count) { $0 + $1.json.utf8.count }
                if states.isEmpty, pagingEvents, size > maxBytes {
                    var (run, taken) = (json.utf8.count, 0)
                    while taken < events.count, taken == 0 || run + events[taken].json.utf8.count <= maxBytes {
                        run += events[taken].json.utf8.count
                        taken += 1
                    }
                    if taken < events.count {
                        let change = ChangesPage.Change(sequence: sequence, json: json, events: events[..<taken].map(\.json))
                        return ChangesPage(states: [change], lastSequence: since, more: true, eventsAfter: events[taken - 1].cursor)
                    }
                }
                if !states.isEmpty && bytes + size > maxBytes {
                    more = true
                    break
                }
                bytes += size
                states.append(.init(sequence: sequence, json: json, events: events.map(\.json)))
            }
            let last = more ? states.last!.sequence : try Int64.fetchOne(db, sql: "SELECT sequence FROM node")!
            return ChangesPage(states: states, lastSequence: max(last, since), more: more)
        }
    }
}

extension Database {
    /// A record's events that entered the log after `sequence` (and after `cursor`, when given),
    /// in the order the log took them, each with its place as a cursor. Reading stops once their
    /// JSON is over `room` bytes and at least two were read: the last one read then cannot join
    /// a run that fits, which tells that the run stops before it.
    fileprivate func loggedEvents(
        recordID: String,
        after sequence: Int64,
        resuming cursor: EventCursor?,
        stoppingPast room: Int
    ) throws -> [(json: String, cursor: EventCursor)] {
        // Without a cursor, every event after `sequence` is also after (sequence, "", 0).
        let after = cursor ?? EventCursor(recordID: recordID, sequence: sequence, replica: "", counter: 0)
        let rows = try Row.fetchCursor(
            cachedStatement(
                sql: """
                    SELECT seq, replica, counter, event FROM event
                    WHERE record_id = ? AND seq > ? AND (seq, replica, counter) > (?, ?, ?)
                    ORDER BY seq, replica, counter
                    """
            ),
            arguments: [recordID, sequence, after.sequence, after.replica, Int64(after.counter)]
        )
        var events: [(json: String, cursor: EventCursor)] = []
        var bytes = 0
        while let row = try rows.next() {
            let json: String = row[3]
            events.append((json, EventCursor(recordID: recordID, sequence: row[0], replica: row[1], counter: UInt64(row[2] as Int64))))
            bytes += json.utf8.count
            if bytes > room, events.count >= 2 { break }
        }
        return events
    }
}
