import LiaisonCore

/// Where a page of the changes feed stopped inside one record's events (docs/design.md §6,
/// "A record's events over several pages"): the record, and the place in this node's log of the
/// last event the page carried. A record's events go in the order the log took them (the event
/// table's `seq`, then replica and counter); an event only ever moves later in that order (a
/// real event replacing a reconstructed one takes the record's new sequence), so the events
/// after the cursor are every one not sent yet, and none is skipped when the record is written
/// to between pages.
public struct EventCursor: Hashable, Sendable {
    /// The record whose events the page stopped inside.
    public let recordID: String
    /// The log sequence of the last event sent.
    public let sequence: Int64
    /// Its dot's replica.
    public let replica: String
    /// Its dot's counter.
    public let counter: UInt64

    /// A cursor after the event of `recordID` logged at `sequence` under `replica`:`counter`.
    public init(recordID: String, sequence: Int64, replica: String, counter: UInt64) {
        self.recordID = recordID
        self.sequence = sequence
        self.replica = replica
        self.counter = counter
    }

    /// The cursor as it travels (`events_after`): `RECORD~SEQUENCE~REPLICA~COUNTER`; `~` is in
    /// neither a record id nor a replica id, and none of it needs percent-encoding in a query.
    public var text: String { "\(recordID)~\(sequence)~\(replica)~\(counter)" }

    /// Reads ``text``; nil when it is not a cursor, or when its counter is past any a write
    /// may have (``IntakeLimits/maxCounter``): the log holds counters as SQLite integers.
    public init?(text: String) {
        let parts = text.split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, RecordID.isValid(parts[0]), let sequence = Int64(parts[1]), sequence >= 0,
            ReplicaID.isValid(parts[2]), let counter = UInt64(parts[3]), counter <= IntakeLimits.maxCounter
        else { return nil }
        self.init(recordID: parts[0], sequence: sequence, replica: parts[2], counter: counter)
    }

    /// Whether this cursor is further on than `other` in the same record's events.
    public func isPast(_ other: EventCursor) -> Bool {
        recordID == other.recordID && (sequence, replica, counter) > (other.sequence, other.replica, other.counter)
    }
}
