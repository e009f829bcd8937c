import GRDB
import LiaisonCore

/// The intake check of the events that come with a state (docs/design.md §9, §10).
enum EventIntake {
    /// What is wrong with the events sent with `state`, or nil: each must be of the record, its
    /// dot in the state's context, agree with the state's write under its dot when that is live
    /// (``disagreement(_:with:)``), have read only what it could have (``misread(_:in:)``), and
    /// one dot must not name two different events.
    static func problem(_ events: [WriteEvent], of state: RecordState) -> String? {
        var seen: [Dot: WriteEvent] = [:]
        for event in events {
            guard event.recordID == state.id else { return "event \(event.dot) is of another record (\(event.recordID))" }
            guard state.context.contains(event.dot) else { return "event \(event.dot) is outside the record's context" }
            if let problem = disagreement(event, with: state) ?? misread(event, in: state) { return problem }
            if let other = seen[event.dot], other != event { return "two different events under dot \(event.dot)" }
            seen[event.dot] = event
        }
        return nil
    }

    /// How `event` disagrees with the write `state` holds live under its dot, or nil (also when
    /// the dot is not live there): the author and time must be the write's, and so must the value
    /// of every field the dot holds. A real event wrote every such field; one reconstructed holds
    /// only the fields its dot held where it was made, so a field it lacks is no disagreement.
    static func disagreement(_ event: WriteEvent, with state: RecordState) -> String? {
        guard let meta = state.writes[event.dot] else { return nil }
        // Every state of a sync passes here with each of its events: the fields are walked as
        // they are kept, and only the names that differ (none, but for a forgery) are sorted.
        var differ: [String] = []
        for (name, entries) in state.fields {
            guard let value = entries[event.dot] else { continue }
            let sent = event.values[name]
            if sent != value, !(sent == nil && event.reconstructed) { differ.append(name) }
        }
        differ.sort()
        if meta != event.meta { differ.append("who wrote it and when") }
        guard !differ.isEmpty else { return nil }
        return "event \(event.dot) disagrees with the state's write under that dot on \(differ.joined(separator: ", "))"
    }

    /// How what `event` says its writer had read (its read context) cannot be, or nil. A write
    /// reads what its replica held before it: every dot of that is in the record's context, its
    /// own dot is not, and a field it wrote holds no live entry it read (the write replaced those).
    /// A read context beyond this showed in the history as overruling later edits, and an import,
    /// which replays the log, wrote back values nobody changed.
    static func misread(_ event: WriteEvent, in state: RecordState) -> String? {
        guard state.context.covers(event.readContext), !event.readContext.contains(event.dot) else {
            return "event \(event.dot) says it read writes outside the record's context, or itself"
        }
        for name in event.values.keys.sorted() {
            if let seen = state.fields[name]?.keys.filter({ $0 != event.dot && event.readContext.contains($0) }).min() {
                return "event \(event.dot) says it read write \(seen) of \(name), which the state still holds"
            }
        }
        return nil
    }

    /// Whether a real event is the write an event reconstructed under its dot was made from.
    private static func agree(real: WriteEvent, reconstructed: WriteEvent) -> Bool {
        real.meta == reconstructed.meta && reconstructed.values.allSatisfy { real.values[$0.key] == $0.value }
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
    /// entry if it agrees with it (the same author and time, and the same value of each field the
    /// reconstructed one holds); two reconstructed ones join their fields.
    /// - Returns: the event to keep, or nil when the two are different writes (corrupt).
    static func joined(_ stored: WriteEvent, _ incoming: WriteEvent) -> WriteEvent? {
        if stored == incoming { return stored }
        switch (stored.reconstructed, incoming.reconstructed) {
        case (true, false): return agree(real: incoming, reconstructed: stored) ? incoming : nil
        case (false, true): return agree(real: stored, reconstructed: incoming) ? stored : nil
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
    /// and reconstructed events for the live dots of `state` that neither the log nor `incoming`
    /// has an event for (a state sent without events, or with only those after a bundle's or a
    /// page's `since`), so that every live write shows in the record's history.
    /// - Returns: the events to log, or the problem when one conflicts with the stored log.
    ///   Agreement with the state was checked before the transaction (``EventIntake/problem(_:of:)``
    ///   on the state as sent), and holds for `state` too: a merge keeps under a dot of the sent
    ///   state's context only what the sent state holds there, and refuses two authors, times or
    ///   values under one dot.
    /// `isNew` says the record has no stored state, and so no stored events: nothing to look up.
    func eventsToLog(_ incoming: [WriteEvent], state: RecordState, isNew: Bool) throws -> Result<[WriteEvent], EventConflict> {
        // The dots the log holds an event of, and, as they are taken, those of `incoming`.
        var covered = isNew ? [] : try loggedDots(recordID: state.id)
        var logged: [WriteEvent] = []
        for event in incoming {
            guard covered.contains(event.dot), let stored = try storedEvent(recordID: event.recordID, dot: event.dot) else {
                covered.insert(event.dot)
                logged.append(event)
                continue
            }
            guard let kept = EventIntake.joined(stored, event) else {
                return .failure(EventConflict(problem: "event \(event.dot) differs from the event stored under that dot"))
            }
            if kept != stored { logged.append(kept) }
        }
        // Usually every live write came with its event: nothing to reconstruct.
        guard state.fields.values.contains(where: { $0.keys.contains { !covered.contains($0) } }) else { return .success(logged) }
        return .success(logged + state.reconstructedEvents.filter { !covered.contains($0.dot) })
    }

    /// The dots of the events the log holds for a record.
    private func loggedDots(recordID: String) throws -> Set<Dot> {
        let rows = try Row.fetchAll(cachedStatement(sql: "SELECT replica, counter FROM event WHERE record_id = ?"), arguments: [recordID])
        return Set(rows.map { Dot(replica: $0[0], counter: UInt64($0[1] as Int64)) })
    }
}

/// An incoming event that conflicts with the stored log.
struct EventConflict: Error {
    let problem: String
}
