/// A record's events newest first, in an order every node that holds them agrees on, where no
/// event is ever listed below one that happened before it (docs/design.md §10): an event made at
/// an office comes above the office's earlier events and above every event its writer had read,
/// whatever the offices' clocks say. Among events that did not see each other, the later `at`
/// (then the greater dot) comes first, as a person reading the timeline expects.
///
/// Times are for display only (§1): a clock running slow at one office can no longer put an edit
/// below the record's creation. The order is the events' happened-before relation (each office's
/// own sequence of dots, and each write's read context) walked from the newest end.
enum CausalOrder {
    /// `events`, newest first: again and again, of the replicas' newest remaining events (a
    /// replica's older events come after its newer ones), the latest by `at` then dot that no
    /// other replica's newest remaining event, or an earlier one of its replica, has seen. Forged
    /// contexts that see each other in a circle cannot stop it: then it takes the latest of them.
    /// In O(n log n) for n events and read-context entries (``CausalWalk``).
    static func newestFirst(_ events: [WriteEvent]) -> [WriteEvent] {
        var walk = CausalWalk(events)
        var ordered: [WriteEvent] = []
        ordered.reserveCapacity(events.count)
        while let next = walk.takeNewest() { ordered.append(next) }
        return ordered
    }
}
