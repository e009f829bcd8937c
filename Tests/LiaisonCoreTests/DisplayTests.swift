import LiaisonCore
import PropertyBased
import Testing

/// docs/design.md §4, display winner: every node shows the same provisional value for a field in
/// conflict: the largest wall-clock time, then the largest replica id.
@Suite struct DisplayTests {
    /// Two concurrent writes of `status` from a common version; returns the state merged in
    /// the given order.
    func conflict(
        _ first: (replica: String, at: Int64, value: String),
        _ second: (replica: String, at: Int64, value: String)
    ) throws -> (RecordState, RecordState) {
        let base = try createdRecord()
        var a = base
        var b = base
        try a.write(["status": .text(first.value)], readContext: base.context, replica: first.replica, meta: meta("x", first.at))
        try b.write(["status": .text(second.value)], readContext: base.context, replica: second.replica, meta: meta("y", second.at))
        return (try a.merged(with: b), try b.merged(with: a))
    }

    @Test func laterWallClockWins() throws {
        // Chennai's id sorts first but its write is later.
        let (ab, ba) = try conflict((chennai, 5_000, "contacted"), (mumbai, 4_000, "on_hold"))
        #expect(ab.displayValue(of: "status") == .text("contacted"))
        #expect(ba.displayValue(of: "status") == .text("contacted"))
    }

    @Test func onEqualTimesTheLargerReplicaIDWins() throws {
        let (ab, ba) = try conflict((chennai, 5_000, "contacted"), (mumbai, 5_000, "on_hold"))
        #expect(mumbai > chennai)
        #expect(ab.displayValue(of: "status") == .text("on_hold"))
        #expect(ba.displayValue(of: "status") == .text("on_hold"))
        #expect(RecordView(ab).fields["status"] == .text("on_hold"))
    }

    /// On random conflicts, every replica shows the value the rule picks, whatever order it
    /// received the writes in.
    @Test func winnerFollowsTheRuleOnRandomConflicts() async throws {
        let replicas = [mumbai, chennai, delhi, "kolkata.zzz999", "ahmedabad.aaa000"]
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let base = try createdRecord()
            var written: [(replica: String, at: Int64, value: FieldValue)] = []
            var states: [RecordState] = []
            for replica in replicas.shuffled(using: &rng).prefix(Int.random(in: 2...5, using: &rng)) {
                var state = base
                let value = FieldValue.number(Double(Int.random(in: 0...1_000, using: &rng)))
                let at = Int64.random(in: 0...3, using: &rng)
                try state.write(["value_usd": value], readContext: base.context, replica: replica, meta: meta("x", at))
                written.append((replica, at, value))
                states.append(state)
            }
            let expected = written.max { ($0.at, $0.replica) < ($1.at, $1.replica) }!.value
            for _ in 0..<3 {
                let merged = try states.shuffled(using: &rng).reduce(base) { try $0.merged(with: $1) }
                #expect(merged.displayValue(of: "value_usd") == expected)
                #expect(merged.entries(of: "value_usd").count == written.count)
            }
        }
    }

    @Test func displaySummaryAgreesWithEachFieldsOwnAnswers() async throws {
        await propertyCheck(count: 1_000, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let state = history.randomState()
            var shown: [String: FieldValue] = [:]
            for name in state.fields.keys where name != deletedField {
                if let value = state.displayValue(of: name), !value.isNull { shown[name] = value }
            }
            let summary = state.displaySummary
            #expect(summary.values == shown)
            #expect(summary.deleted == (state.displayValue(of: deletedField) == .bool(true)))
            #expect(summary.conflicted == state.fields.keys.contains(where: state.isConflicted))
        }
    }
}
