import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// Random schedules of writes and pairwise merges converge: once every replica has merged
/// every other, all hold byte-identical states, and the same state whatever the merge order.
@Suite(.offThePool) struct ConvergenceTests {
    @Test func randomSchedulesConvergeToIdenticalBytes() async throws {
        await propertyCheck(count: 500, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...30)
            // Fold of every replica's state, before gossip, in two different orders.
            let forward = try history.states.dropFirst().reduce(history.states[0]) { try $0.merged(with: $1) }
            let backward = try history.states.dropLast().reversed().reduce(history.states.last!) { try $0.merged(with: $1) }
            try history.gossipUntilStable()
            let bytes = Set(history.states.map(\.canonicalJSON))
            #expect(bytes.count == 1)
            #expect(Set(history.states).count == 1)
            #expect(history.states[0] == forward)
            #expect(history.states[0] == backward)
            // Every write made is in the converged context.
            for write in history.log { #expect(history.states[0].context.contains(write.dot)) }
            // Everyone shows the same record.
            #expect(Set(history.states.map { RecordView($0).json }).count == 1)
        }
    }

    /// The converged fields are exactly those the log says must survive: no value is lost,
    /// none that was overwritten comes back.
    @Test func convergedStateMatchesTheLog() async throws {
        await propertyCheck(count: 500, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...30)
            try history.gossipUntilStable()
            #expect(history.states[0].fields == history.expectedFields())
        }
    }

    /// A replica that merges a state it already holds, or an older one, does not change.
    @Test func stateDoesNotGoBackwards() async throws {
        await propertyCheck(count: 300, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            try history.gossipUntilStable()
            let final = history.states[0]
            for old in history.snapshots {
                #expect(try final.merged(with: old) == final)
            }
        }
    }
}
