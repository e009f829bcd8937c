import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// The join of states is commutative, associative and idempotent, on reachable states of
/// random histories over 2–7 replicas (docs/design.md §4).
@Suite(.offThePool) struct MergeLawTests {
    static let cases = 1_000

    @Test func mergeIsCommutative() async throws {
        await propertyCheck(count: Self.cases, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let a = history.randomState()
            let b = history.randomState()
            let ab = try a.merged(with: b)
            let ba = try b.merged(with: a)
            #expect(ab == ba)
            #expect(ab.canonicalJSON == ba.canonicalJSON)
            // The join is an upper bound of both: it has seen everything either has.
            #expect(ab.context.covers(a.context) && ab.context.covers(b.context))
            #expect(try ab.merged(with: a) == ab)
        }
    }

    @Test func mergeIsAssociative() async throws {
        await propertyCheck(count: Self.cases, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let a = history.randomState()
            let b = history.randomState()
            let c = history.randomState()
            let left = try a.merged(with: b).merged(with: c)
            let right = try a.merged(with: b.merged(with: c))
            #expect(left == right)
            #expect(left.canonicalJSON == right.canonicalJSON)
        }
    }

    @Test func mergeIsIdempotent() async throws {
        await propertyCheck(count: Self.cases, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let a = history.randomState()
            let aa = try a.merged(with: a)
            #expect(aa == a)
            #expect(aa.canonicalJSON == a.canonicalJSON)
        }
    }

    /// The generator really makes the interesting states the laws are checked on: conflicts,
    /// concurrent deletes, stale reads. (Guards against a generator that only makes trivial states.)
    @Test func historiesContainConflictsAndDeletes() throws {
        var conflicted = 0
        var deleteConflicts = 0
        var seed: UInt64 = 1
        for _ in 0..<200 {
            seed += 1
            var history = try RandomHistory.make(replicas: 4, seed: seed)
            try history.gossipUntilStable()
            if !history.states[0].conflictedFields.isEmpty { conflicted += 1 }
            if history.states[0].isConflicted(deletedField) { deleteConflicts += 1 }
        }
        #expect(conflicted >= 40)
        #expect(deleteConflicts >= 10)
    }

    @Test func mergingStatesOfDifferentRecordsIsRefused() throws {
        var a = RecordState(id: "rec-a")
        try a.write(["title": .text("A")], readContext: .empty, replica: "mumbai.aaa", meta: WriteMeta(author: "asha", at: 1))
        let b = RecordState(id: "rec-b")
        #expect(throws: MergeError.self) { try a.merged(with: b) }
    }
}
