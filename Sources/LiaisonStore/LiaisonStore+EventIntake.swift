import GRDB
import LiaisonCore

/// The intake check of the events that come with a state (docs/design.md §9, §10).
enum EventIntake {
    /// What is wrong with the events sent with `state`, or nil: each must be of the record, its
    /// dot in the state's context, and one dot must not name two different events.
    static func problem(_ events: [WriteEvent], of state: RecordState) -> String? {
        var seen: [Dot: WriteEvent] = [:]
        for event in events {
            guard event.recordID == state.id else { return "event \(event.dot) is of another record (\(event.recordID))" }
            guard state.context.contains(event.dot) else { return "event \(event.dot) is outside the record's context" }
            if let other = seen[event.dot], other != event { return "two different events under dot \(event.dot)" }
            seen[event.dot] = event
        }
        return nil
    }

    /// The JSON kept in quarantine for a state refused with its events.
    static func quarantineJSON(_ state: RecordState, _ events: [WriteEvent]) -> String {
        var writer = JSONWriter()
        writer.raw("{\"events\":")
        writer.array(events) { writer, event in event.write(to: &writer) }
        writer.raw(",\"state\":")
        state.write(to: &writer)
        writer.raw("}")
        return writer.output
    }

    /// One dot's event when two copies meet: a real event wins over one reconstructed from a live
    /// entry; two reconstructed ones join their fields.
    /// - Returns: the event to keep, or nil when the two are different writes (corrupt).
    static func joined(_ stored: WriteEvent, _ incoming: WriteEvent) -> WriteEvent? {
        if stored == incoming { return stored }
        switch (stored.reconstructed, incoming.reconstructed) {
        case (true, false): return incoming
        case (false, true): return stored
        case (false, false): return nil
        case (true, true):
            guard stored.meta == incoming.meta else { return nil }
            var values = stored.values
            for (name, value) in incoming.values {
                if let mine = values[name], mine != value { return nil }
                values[name] = value
            }
            return WriteEvent(
                recordID: stored.recordID,
                dot: stored.dot,
                meta: stored.meta,
                readContext: .empty,
                values: values,
                reconstructed: true
            )
        }
    }
}

extension Database {
    /// The events of `incoming` this node's log lacks or holds in a lesser form (reconstructed),
    /// and, when `incoming` is empty (a state sent without events), reconstructed events for the
    /// live dots of `state` the log has none for.
    /// - Returns: the events to log, or the problem when one conflicts with the stored log.
    /// `isNew` says the record has no stored state, and so no stored events: nothing to look up.
    func eventsToLog(_ incoming: [WriteEvent], state: RecordState, isNew: Bool) throws -> Result<[WriteEvent], EventConflict> {
        if isNew { return .success(incoming.isEmpty ? state.reconstructedEvents : incoming) }
        var logged: [WriteEvent] = []
        if incoming.isEmpty {
            let stored = try Row.fetchAll(
                cachedStatement(sql: "SELECT replica, counter FROM event WHERE record_id = ?"),
                arguments: [state.id]
            )
            let dots = Set(stored.map { Dot(replica: $0[0], counter: UInt64($0[1] as Int64)) })
            return .success(state.reconstructedEvents.filter { !dots.contains($0.dot) })
        }
        for event in incoming {
            guard let stored = try storedEvent(recordID: event.recordID, dot: event.dot) else {
                logged.append(event)
                continue
            }
            guard let kept = EventIntake.joined(stored, event) else {
                return .failure(EventConflict(problem: "event \(event.dot) differs from the event stored under that dot"))
            }
            if kept != stored { logged.append(kept) }
        }
        return .success(logged)
    }
}

/// An incoming event that conflicts with the stored log.
struct EventConflict: Error {
    let problem: String
}
