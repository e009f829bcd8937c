/// A page of a record's timeline (``HistoryEntry/page(of:after:limit:)``).
public struct HistoryPage: Hashable, Sendable {
    /// The entries, newest first.
    public let entries: [HistoryEntry]
    /// The cursor of the next page (the dot of this page's last entry), nil on the last page.
    public let next: Dot?
}

/// A record's events by the fields they wrote, to make each timeline entry from the writes of
/// its own fields alone. Read contexts are kept as arrays indexed by replica, so that whether one
/// write saw another is two array reads, not a dictionary lookup of the replica's name.
struct FieldWrites {
    /// A write's dot and read context, with replicas as indices into the record's replicas.
    private struct Clock {
        let replica: Int
        let counter: UInt64
        /// Per replica, the highest counter of the write's read context.
        let seen: [UInt64]

        /// Whether this write's read context covers `other`'s dot.
        func saw(_ other: Clock) -> Bool { seen[other.replica] >= other.counter }
    }

    private let events: [WriteEvent]
    private let clocks: [Clock]
    private let index: [Dot: Int]
    /// Per field, the indices of the events that wrote it, those that saw most first: a write
    /// that covers another has seen more than it, so a covered write meets one that covers it early.
    private let writers: [String: [Int]]

    init(_ events: [WriteEvent]) {
        var replicas: [String: Int] = [:]
        for event in events {
            for name in [event.dot.replica] + Array(event.readContext.counters.keys) where replicas[name] == nil {
                replicas[name] = replicas.count
            }
        }
        clocks = events.map { event in
            var seen = [UInt64](repeating: 0, count: replicas.count)
            for (name, counter) in event.readContext.counters { seen[replicas[name]!] = counter }
            return Clock(replica: replicas[event.dot.replica]!, counter: event.dot.counter, seen: seen)
        }
        var writers: [String: [Int]] = [:]
        for (position, event) in events.enumerated() {
            for name in event.values.keys { writers[name, default: []].append(position) }
        }
        let sums = clocks.map { $0.seen.reduce(0, &+) }
        self.writers = writers.mapValues { $0.sorted { sums[$0] > sums[$1] } }
        self.events = events
        index = Dictionary(events.enumerated().map { ($1.dot, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry of `event` (one of the events given): per field it wrote, the values live before
    /// it that its read context covered (what replaying the events it saw leaves: the seen writes
    /// no seen write covers), and whether a write it did not see, and that did not see it, gave a
    /// field another value.
    func entry(_ event: WriteEvent) -> HistoryEntry {
        let position = index[event.dot]!
        let clock = clocks[position]
        var superseded: [String: [FieldValue]] = [:]
        var concurrent = false
        for (name, value) in event.values {
            let others = writers[name] ?? []
            let seen = others.filter { clock.saw(clocks[$0]) }
            let live = seen.filter { write in !seen.contains { clocks[$0].saw(clocks[write]) } }
            if !live.isEmpty { superseded[name] = live.map { events[$0] }.sorted { $0.dot < $1.dot }.map { $0.values[name]! } }
            concurrent =
                concurrent
                || others.contains { other in
                    other != position && !clock.saw(clocks[other]) && !clocks[other].saw(clock) && events[other].values[name] != value
                }
        }
        return HistoryEntry(event: event, superseded: superseded, concurrent: concurrent)
    }
}
