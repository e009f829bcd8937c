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
    /// `events`, newest first.
    static func newestFirst(_ events: [WriteEvent]) -> [WriteEvent] {
        var chains = Chains(events)
        var ordered: [WriteEvent] = []
        ordered.reserveCapacity(events.count)
        while let next = chains.takeNewest() { ordered.append(next) }
        return ordered
    }

    /// The events by replica, each replica's newest first, with what each event and the ones
    /// before it at its replica had seen.
    private struct Chains {
        /// Per replica (an index), its events, oldest first, so that the newest is taken last.
        private var chains: [[Link]]

        /// One event and, per replica index, the highest counter it or an earlier event of its
        /// own replica had seen (its replica's own entry included): what it happened after.
        private struct Link {
            let event: WriteEvent
            let seen: [UInt64]
        }

        init(_ events: [WriteEvent]) {
            var replicaIndex: [String: Int] = [:]
            for event in events {
                for name in [event.dot.replica] + event.readContext.counters.keys where replicaIndex[name] == nil {
                    replicaIndex[name] = replicaIndex.count
                }
            }
            var byReplica = [[WriteEvent]](repeating: [], count: replicaIndex.count)
            for event in events { byReplica[replicaIndex[event.dot.replica]!].append(event) }
            chains = byReplica.map { chain in
                var seen = [UInt64](repeating: 0, count: replicaIndex.count)
                return chain.sorted { $0.dot.counter < $1.dot.counter }.map { event in
                    for (name, counter) in event.readContext.counters {
                        let index = replicaIndex[name]!
                        seen[index] = max(seen[index], counter)
                    }
                    let own = replicaIndex[event.dot.replica]!
                    seen[own] = max(seen[own], event.dot.counter)
                    return Link(event: event, seen: seen)
                }
            }
        }

        /// Removes and returns the newest event no remaining event happened after: among the
        /// replicas' newest remaining events (a replica's older events come after its newer
        /// ones), the latest by `at` then dot that no other replica's newest remaining event has
        /// seen. Forged contexts that see each other in a circle cannot stop it: then it takes
        /// the latest of them.
        mutating func takeNewest() -> WriteEvent? {
            let heads = chains.indices.filter { !chains[$0].isEmpty }.sorted { isLater(chains[$0].last!.event, chains[$1].last!.event) }
            guard let fallback = heads.first else { return nil }
            let chosen =
                heads.first { replica in
                    let counter = chains[replica].last!.event.dot.counter
                    return !heads.contains { $0 != replica && chains[$0].last!.seen[replica] >= counter }
                } ?? fallback
            return chains[chosen].removeLast().event
        }

        private func isLater(_ first: WriteEvent, _ second: WriteEvent) -> Bool {
            first.meta.at != second.meta.at ? first.meta.at > second.meta.at : first.dot > second.dot
        }
    }
}
