import Foundation
import GRDB
public import LiaisonCore

/// A batch of states checked against the schema, with what the store keeps beside each one
/// worked out (``LiaisonStore/prepare(_:)``), ready to merge.
public struct PreparedBatch: Sendable {
    let rows: [RecordRow]
    /// The events that came with each state, by record id (checked: see ``EventIntake``).
    let events: [String: [WriteEvent]]
    /// The canonical JSON of the events that came with each accepted state, by record id and
    /// dot, made while preparing so that the merge's transaction, which every record waits on,
    /// does not make it.
    let eventJSON: [String: [Dot: String]]
    /// The states the intake refused: quarantined when the batch merges.
    let rejected: [Rejection]

    /// How many states the batch holds, refused ones included.
    public var count: Int { rows.count + rejected.count }
}

extension Schema {
    /// The first required field that `stored`, live, holds and `merged`, live, does not; nil
    /// when there is none (`merged`'s display values are checked first, so a merge that keeps
    /// every required field works out nothing more).
    fileprivate func requiredLost(from stored: RecordState, in merged: RecordRow) -> String? {
        guard !merged.deleted else { return nil }
        let missing = requiredMissing(from: merged.values)
        guard !missing.isEmpty else { return nil }
        let before = stored.displaySummary
        return before.deleted ? nil : missing.first { before.values[$0] != nil }
    }
}

/// What merging a batch did.
public struct MergeSummary: Hashable, Sendable {
    /// States received.
    public var merged = 0
    /// Records whose state changed (each took a new local sequence).
    public var changed = 0
    /// Changed records that now have a field in conflict.
    public var conflicts = 0
    /// States set aside instead of merged (docs/design.md, "Intake"), in batch order.
    public var quarantined: [Quarantined] = []

    /// An empty summary.
    public init() {}
}

/// How far sync has come with one peer, in one direction.
public enum SyncDirection: String, Sendable {
    /// The peer's sequence up to which its changes were merged here.
    case pull
    /// This node's sequence up to which the peer acknowledged our changes.
    case push
}

extension LiaisonStore {
    /// Merges a batch of states from another node in ONE transaction, together with the
    /// checkpoint that says how far the batch came (docs/design.md §5). A state that changes the
    /// stored one takes a new local sequence; one that changes nothing takes none.
    ///
    /// Every state goes through the intake check first (``prepare(_:rejected:)``): a state that
    /// breaks a rule is quarantined (kept apart, with `origin` and the rule) in the same
    /// transaction, and the rest of the batch merges; ``MergeSummary/quarantined`` lists them.
    ///
    /// `source` is the replica id of the node the batch came from, when known: records whose
    /// merged state is exactly what it sent are not sent back to it. `origin` says where the
    /// batch came from for the quarantine: the name its entries show and the room they take
    /// (``BatchOrigin``).
    public func merge(
        _ states: [RecordState],
        events: [String: [WriteEvent]] = [:],
        rejected: [RejectedState] = [],
        from source: String? = nil,
        origin: BatchOrigin? = nil,
        checkpoint: (peer: String, direction: SyncDirection, sequence: Int64)? = nil
    ) async throws -> MergeSummary {
        try await merge(prepare(states, events: events, rejected: rejected), from: source, origin: origin, checkpoint: checkpoint)
    }

    /// Runs the intake check on a batch (``Schema/checkState(_:)``: the intake limits and the
    /// schema, and at most ``IntakeLimits/maxIntakeStateBytes`` encoded) and works out what the store
    /// keeps beside each good state, outside any transaction, so that sync can prepare the next
    /// batch while one merges. States that fail, and the `rejected` ones the parser found, are
    /// quarantined when the batch merges. `events` are the write events sent with the states, by
    /// record id: a state whose events fail their check (``EventIntake``) is quarantined with them.
    public func prepare(
        _ states: [RecordState],
        events: [String: [WriteEvent]] = [:],
        rejected: [RejectedState] = [],
        eventProblems: [String: String] = [:]
    ) -> PreparedBatch {
        var rows: [RecordRow] = []
        rows.reserveCapacity(states.count)
        var eventJSON: [String: [Dot: String]] = [:]
        var refused = rejected.map(Rejection.init)
        for state in states {
            do {
                try schema.checkState(state)
            } catch {
                refused.append(Rejection(state, error.problem))
                continue
            }
            if let problem = eventProblems[state.id] {
                refused.append(Rejection(state, problem))
                continue
            }
            if let sent = events[state.id], let problem = EventIntake.problem(sent, of: state) {
                refused.append(Rejection(state, problem, json: EventIntake.quarantineJSON(state, sent)))
                continue
            }
            let row = RecordRow(state)
            guard row.json.utf8.count <= IntakeLimits.maxIntakeStateBytes else {
                let problem = "state of \(row.json.utf8.count) bytes is over the limit of \(IntakeLimits.maxIntakeStateBytes) (2 MiB)"
                refused.append(Rejection(state, problem, json: row.json))
                continue
            }
            // Every record is made with its required fields, and none can be cleared: a live
            // state without them (no writes at all, say) was never made by a node. Track fields
            // outside the record's tracks are not refused: concurrent edits make them.
            if !row.deleted, let missing = schema.requiredMissing(from: row.values).first {
                refused.append(Rejection(state, "\(missing): is required, and the state has no value for it", json: row.json))
                continue
            }
            rows.append(row)
            if let sent = events[state.id] {
                eventJSON[state.id] = Dictionary(sent.map { ($0.dot, $0.canonicalJSON) }, uniquingKeysWith: { first, _ in first })
            }
        }
        return PreparedBatch(rows: rows, events: events, eventJSON: eventJSON, rejected: refused)
    }

    /// Merges a prepared batch (see ``merge(_:rejected:from:origin:checkpoint:)``): a record not
    /// yet stored is saved as prepared; one already stored is merged with it. A state that does
    /// not merge with the stored one (one write with two values), that claims writes of this
    /// node it never made (checked for batches from outside: with a `source` or an `origin`), or
    /// whose merge would be over the size limit is quarantined.
    public func merge(
        _ batch: PreparedBatch,
        from source: String? = nil,
        origin: BatchOrigin? = nil,
        checkpoint: (peer: String, direction: SyncDirection, sequence: Int64)? = nil
    ) async throws -> MergeSummary {
        try await merge([batch], from: source, origin: origin, checkpoint: checkpoint)
    }

    /// Merges consecutive prepared batches in ONE transaction, in order, each as
    /// ``merge(_:from:origin:checkpoint:)`` merges one, with the checkpoint of the last: sync
    /// merges a few pulled pages at a time, so that an index page that several pages touch is
    /// written once instead of once a page. `eventsAfter` goes with the checkpoint: where the
    /// last page stopped inside a record's events, if it did (``eventsCursor(peer:direction:)``).
    public func merge(
        _ batches: [PreparedBatch],
        from source: String? = nil,
        origin: BatchOrigin? = nil,
        checkpoint: (peer: String, direction: SyncDirection, sequence: Int64)? = nil,
        eventsAfter: EventCursor? = nil
    ) async throws -> MergeSummary {
        let intake = MergeIntake(
            me: identity.replicaID,
            source: source,
            origin: origin ?? BatchOrigin(source.map { "replica \($0)" } ?? "this node"),
            // A batch with neither is this node's own making (sample data), so its writes may be this node's.
            fromOutside: source != nil || origin != nil,
            schema: schema
        )
        return try await write { db in
            var summary = MergeSummary()
            for batch in batches { try db.merge(batch, intake, into: &summary) }
            try db.refreshStaleSearch()
            if let checkpoint {
                try db.setCheckpoint(
                    .records,
                    peer: checkpoint.peer,
                    direction: checkpoint.direction,
                    sequence: checkpoint.sequence,
                    eventsAfter: eventsAfter
                )
            }
            return summary
        }
    }
}

/// Who a batch came from, for the checks and the quarantine of ``Database/merge(_:_:into:)``.
struct MergeIntake {
    /// This node's replica id.
    let me: String
    /// The replica id of the node that sent the batch, when known.
    let source: String?
    /// Where the batch came from, for the quarantine.
    let origin: BatchOrigin
    /// Whether the batch came from outside this node (its writes must not claim to be ours).
    let fromOutside: Bool
    /// The store's schema: a merge must leave a live record its required fields.
    let schema: Schema
}

extension Database {
    /// Merges one prepared batch inside the caller's write transaction, adding what it did to
    /// `summary`; states take sequences after the node's current one, recorded at the end.
    func merge(_ batch: PreparedBatch, _ intake: MergeIntake, into summary: inout MergeSummary) throws {
        let (me, source, origin, fromOutside) = (intake.me, intake.source, intake.origin, intake.fromOutside)
        let quarantinedBefore = summary.quarantined.count
        let now = Timestamp.millis()
        var room: QuarantineRoom?
        func setAside(_ rejection: Rejection) throws {
            var space = try room ?? QuarantineRoom(origin, in: self)
            defer { room = space }
            // Past its room's bound a state is still counted and named, but not kept.
            let kept = try quarantine(rejection, room: &space, at: now)
            let problem = kept ? rejection.problem : Quarantined.notKept(rejection.problem, room: origin.room)
            summary.quarantined.append(Quarantined(recordID: rejection.recordID, problem: problem))
        }
        for rejection in batch.rejected { try setAside(rejection) }
        let heldBefore = try heldColumns(ids: batch.rows.map(\.state.id))
        // Sequences are taken in order here and recorded once, after the batch.
        let first = try Int64.fetchOne(self, sql: "SELECT sequence FROM node")! + 1
        var next = first
        var savedHere: [String: RecordRow] = [:]
        for prepared in batch.rows {
            let incoming = prepared.state
            // A record met earlier in this batch merges with what was just saved.
            let held = savedHere[incoming.id]?.columnValues ?? heldBefore[incoming.id]
            let stored = try savedHere[incoming.id]?.state ?? held.map { try RecordState(json: Data((String.fromDatabaseValue($0[0]) ?? "").utf8)) }
            // Only this node makes its own writes, and it has seen every one of them.
            if fromOutside, incoming.context[me] > (stored?.context[me] ?? 0) {
                try setAside(Rejection(incoming, "claims writes of this node (\(me)) that it never made", json: prepared.json))
                continue
            }
            let sent = batch.events[incoming.id] ?? []
            let sentJSON = batch.eventJSON[incoming.id] ?? [:]
            var merged = incoming
            if let stored {
                do throws(MergeError) {
                    merged = try stored.merged(with: incoming)
                } catch {
                    try setAside(Rejection(incoming, "does not merge with the stored state: \(error.problem)", json: prepared.json))
                    continue
                }
            }
            let changed = merged != stored
            let fromSource = merged == incoming
            // The row is worked out only for a state that changed (what came, when it is that);
            // an unchanged one is written again only if it brings new events.
            var changedRow: RecordRow?
            if changed {
                let candidate = fromSource ? prepared : RecordRow(merged)
                guard candidate.json.utf8.count <= IntakeLimits.maxIntakeStateBytes else {
                    let problem =
                        "merged with the stored state it would be \(candidate.json.utf8.count) bytes, over the limit of \(IntakeLimits.maxIntakeStateBytes) (2 MiB)"
                    try setAside(Rejection(incoming, problem, json: prepared.json))
                    continue
                }
                // Each state carries its required fields (``LiaisonStore/prepare(_:events:rejected:eventProblems:)``),
                // but two can still merge into one without them: a state that says it saw the
                // stored writes of those fields and brings them under dots that wrote others. No
                // write clears a required field, so such a state is refused rather than the
                // stored values lost.
                if !fromSource, let stored, let lost = intake.schema.requiredLost(from: stored, in: candidate) {
                    try setAside(
                        Rejection(incoming, "merged with the stored state it would have no value for \(lost), which is required", json: prepared.json)
                    )
                    continue
                }
                changedRow = candidate
            }
            let newEvents: [WriteEvent]
            switch try eventsToLog(sent, state: merged, isNew: stored == nil) {
            case .success(let events): newEvents = events
            case .failure(let conflict):
                try setAside(Rejection(incoming, conflict.problem, json: EventIntake.quarantineJSON(incoming, sent)))
                continue
            }
            if !changed, newEvents.isEmpty { continue }
            let row = changedRow ?? RecordRow(merged)
            try insert(row, at: next, source: fromSource ? source : nil, over: held)
            // An event logged as it came has its JSON from the preparing; one joined with the
            // stored event under its dot, or reconstructed, is written here.
            for event in newEvents {
                try log(event, canonicalJSON: sentJSON[event.dot].flatMap { sent.contains(event) ? $0 : nil }, at: next)
            }
            savedHere[incoming.id] = row
            next += 1
            if changed { summary.changed += 1 }
            if changed, row.conflicted { summary.conflicts += 1 }
        }
        summary.merged += batch.count - (summary.quarantined.count - quarantinedBefore)
        if next > first { try execute(sql: "UPDATE node SET sequence = ?", arguments: [next - 1]) }
    }
}
