import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// The timeline's order (docs/design.md §10) walks the heads of the replicas' chains with a
/// queue: the same order, event for event, as sorting the heads at every step did, at a cost
/// that a context naming a thousand replicas does not square.
@Suite(.offThePool) struct CausalOrderTests {
    /// The order as it was first written: at every step, sort the replicas' newest remaining
    /// events by `at` then dot, and take the first that no other replica's newest remaining
    /// event (with what its replica's earlier events had seen) has seen; the first of all when
    /// every one has been seen.
    static func sortingTheHeads(_ events: [WriteEvent]) -> [WriteEvent] {
        var replicaIndex: [String: Int] = [:]
        for event in events {
            for name in [event.dot.replica] + event.readContext.counters.keys where replicaIndex[name] == nil {
                replicaIndex[name] = replicaIndex.count
            }
        }
        var byReplica = [[WriteEvent]](repeating: [], count: replicaIndex.count)
        for event in events { byReplica[replicaIndex[event.dot.replica]!].append(event) }
        var chains: [[(event: WriteEvent, seen: [UInt64])]] = byReplica.map { chain in
            var seen = [UInt64](repeating: 0, count: replicaIndex.count)
            return chain.sorted { $0.dot.counter < $1.dot.counter }.map { event in
                for (name, counter) in event.readContext.counters {
                    seen[replicaIndex[name]!] = max(seen[replicaIndex[name]!], counter)
                }
                let own = replicaIndex[event.dot.replica]!
                seen[own] = max(seen[own], event.dot.counter)
                return (event, seen)
            }
        }
        func isLater(_ first: WriteEvent, _ second: WriteEvent) -> Bool {
            first.meta.at != second.meta.at ? first.meta.at > second.meta.at : first.dot > second.dot
        }
        var ordered: [WriteEvent] = []
        while true {
            let heads = chains.indices.filter { !chains[$0].isEmpty }.sorted { isLater(chains[$0].last!.event, chains[$1].last!.event) }
            guard let fallback = heads.first else { return ordered }
            let chosen =
                heads.first { replica in
                    let counter = chains[replica].last!.event.dot.counter
                    return !heads.contains { $0 != replica && chains[$0].last!.seen[replica] >= counter }
                } ?? fallback
            ordered.append(chains[chosen].removeLast().event)
        }
    }

    /// An event of the record at `replica`, with a value so that timelines can be made of it.
    static func event(_ replica: String, _ counter: UInt64, at: Int64, read: [String: UInt64] = [:]) -> WriteEvent {
        WriteEvent(
            recordID: "0190f3a2-7c1e-7000-8000-000000000001",
            dot: Dot(replica: replica, counter: counter),
            meta: WriteMeta(author: "priya", at: at),
            readContext: VersionVector(read),
            values: ["notes": .text("\(replica):\(counter)")]
        )
    }

    /// Events no honest node makes: at 1–8 replicas, counters with gaps, times that often tie,
    /// and read contexts naming any replica (some that made no event) at any counter, ahead of
    /// what exists and in circles.
    static func forgedEvents(replicas: Int, count: Int, seed: UInt64) -> [WriteEvent] {
        var rng = SplitMix64(seed: seed)
        let names = (0..<replicas).map { "mumbai.r\($0)" } + ["ghost.g0", "ghost.g1"]
        var counters = [UInt64](repeating: 0, count: replicas)
        return (0..<count).map { _ in
            let replica = Int.random(in: 0..<replicas, using: &rng)
            counters[replica] += UInt64.random(in: 1...3, using: &rng)
            var read: [String: UInt64] = [:]
            for name in names where Int.random(in: 0..<3, using: &rng) == 0 {
                read[name] = UInt64.random(in: 1...12, using: &rng)
            }
            return event(names[replica], counters[replica], at: Int64.random(in: 1...6, using: &rng), read: read)
        }
        .shuffled(using: &rng)
    }

    @Test func theQueueOrdersForgedHistoriesAsSortingTheHeadsDid() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1...8), Gen.int(in: 0...40), Gen.uint64()) { replicas, count, seed in
            let events = Self.forgedEvents(replicas: replicas, count: count, seed: seed)
            #expect(HistoryEntry.timeline(events).map(\.event) == Self.sortingTheHeads(events))
        }
    }

    @Test func theQueueOrdersHonestHistoriesAsSortingTheHeadsDid() async throws {
        await propertyCheck(count: 200, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...40)
            try history.gossipUntilStable()
            let events = Array(history.events[0].values)
            #expect(HistoryEntry.timeline(events).map(\.event) == Self.sortingTheHeads(events))
        }
    }

    /// 1,000 offices each write once, each having read every write before it, while each clock
    /// runs further behind than the one before: the timeline lists the last write first and
    /// the first last, as they happened, whatever the clocks say.
    @Test func aThousandReplicasInAChainAreListedAsTheyHappened() {
        let names = (0..<1_000).map { "mumbai.r\($0)" }
        var read: [String: UInt64] = [:]
        var events: [WriteEvent] = []
        for (index, name) in names.enumerated() {
            events.append(Self.event(name, 1, at: 1_000_000 - Int64(index), read: read))
            read[name] = 1
        }
        let timeline = HistoryEntry.timeline(events.shuffled())
        #expect(timeline.map(\.event.dot.replica) == names.reversed())
    }

    /// 1,000 offices each write once, each (forged) having read the next one's write, the last
    /// the first's: every write has been seen, so the latest goes first; after it, each write
    /// the one before it alone had seen, in turn.
    @Test func aThousandReplicasThatSeeEachOtherInACircleAreAllListed() {
        let names = (0..<1_000).map { "mumbai.r\($0)" }
        let events = names.indices.map { index in
            Self.event(names[index], 1, at: Int64(index), read: [names[(index + 1) % names.count]: 1])
        }
        let timeline = HistoryEntry.timeline(events.shuffled())
        #expect(timeline.map(\.event.dot.replica) == [names.last!] + names.dropLast())
    }
}
