import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// The intake check: every hostile state is refused (by the parser or by the schema's state
/// check), and every state it accepts can be written to, deleted, resolved, merged and shown
/// without a trap.
@Suite("Intake: hostile states are refused; accepted states never trap", .offThePool)
struct IntakeTests {
    static let at: Int64 = 1_767_225_600_000

    /// What the intake did with a state.
    enum Outcome {
        case accepted(RecordState)
        case refused(String)

        func get() throws -> RecordState {
            guard case .accepted(let state) = self else { throw IntakeRefusal() }
            return state
        }
    }

    struct IntakeRefusal: Error {}

    /// The intake as a node runs it: parse inside a document, then the schema's state check.
    /// Returns the accepted state, or the reason it was refused.
    static func intake(_ state: RecordState) -> Outcome {
        intake(json: state.canonicalJSON)
    }

    static func intake(json: String) -> Outcome {
        let document = #"{"states":[\#(json)]}"#
        do {
            let envelope = try StateEnvelope.parse(Data(document.utf8))
            if let rejected = envelope.rejected.first { return .refused(rejected.problem) }
            let state = try #require(envelope.states.first)
            try Schema.core.checkState(state)
            return .accepted(state)
        } catch let error as StateDecodingError {
            return .refused(error.problem)
        } catch {
            return .refused("\(error)")
        }
    }

    static func valid(_ replica: String = "mumbai.a1b2c3", counter: UInt64 = 1) -> RecordState {
        let dot = Dot(replica: replica, counter: counter)
        let values: [String: FieldValue] = [
            "title": .text("Lithium JV"), "type": .text("investment"), "office": .text("mumbai"),
            "tracks": .list(["sccp"]), "status": .text("identified"), deletedField: .bool(false),
        ]
        return RecordState(
            id: "0190f3a2-7c1e-7000-8000-000000000001",
            context: VersionVector([replica: counter]),
            fields: values.mapValues { [dot: $0] },
            writes: [dot: WriteMeta(author: "asha", at: at)]
        )
    }

    /// One hostile variant of a valid state per rule of the intake, with the words its refusal names.
    static let hostile: [(label: String, json: String, names: String)] = {
        let good = valid().canonicalJSON
        func replacing(_ old: String, _ new: String) -> String { good.replacingOccurrences(of: old, with: new) }
        let manyReplicas = (0..<2_000).map { "\"mumbai.r\($0)\":1" }.joined(separator: ",")
        return [
            (
                "the largest 64-bit counter", replacing("\"mumbai.a1b2c3\":1}", "\"mumbai.a1b2c3\":1,\"chennai.x\":18446744073709551615}"),
                "over the limit"
            ),
            ("2^53", replacing("\"mumbai.a1b2c3\":1}", "\"mumbai.a1b2c3\":1,\"chennai.x\":9007199254740992}"), "over the limit"),
            (
                "a counter past 64 bits", replacing("\"mumbai.a1b2c3\":1}", "\"mumbai.a1b2c3\":1,\"chennai.x\":18446744073709551616}"),
                "not a valid state"
            ),
            ("a zero counter", replacing("\"mumbai.a1b2c3\":1}", "\"mumbai.a1b2c3\":1,\"chennai.x\":0}"), "at least 1"),
            ("a zero dot", replacing("\"n\":1", "\"n\":0"), "invalid dot"),
            ("thousands of replicas", replacing("\"mumbai.a1b2c3\":1}", "\"mumbai.a1b2c3\":1,\(manyReplicas)}"), "replicas"),
            ("a huge author", replacing("\"author\":\"asha\"", "\"author\":\"\(String(repeating: "a", count: 10_000))\""), "author"),
            ("an author with NUL", replacing("\"author\":\"asha\"", "\"author\":\"as\\u0000ha\""), "control character"),
            ("a title over 200 characters", replacing("Lithium JV", String(repeating: "x", count: 201)), "at most 200"),
            (
                "notes over the limit",
                replacing("\"office\":\"mumbai\"", "\"office\":\"mumbai\",\"notes\":\"\(String(repeating: "n", count: 10_001))\""), "at most 10000"
            ),
            ("a NUL in a text", replacing("Lithium JV", "Lithium\\u0000JV"), "NUL"),
            (
                "a state over 2 MiB", replacing("\"author\":\"asha\"", "\"author\":\"asha\",\"x\":\"\(String(repeating: "p", count: 2_200_000))\""),
                "over the limit of 2097152 (2 MiB)"
            ),
            ("a write in 1970", replacing("\"at\":\(at)", "\"at\":0"), "outside 2000-01-01..2100-01-01"),
            ("a write far in the future", replacing("\"at\":\(at)", "\"at\":9223372036854775807"), "outside"),
            ("a write before 1 AD", replacing("\"at\":\(at)", "\"at\":-9223372036854775808"), "outside"),
            (
                "one dot twice",
                replacing("]}", ",{\"at\":\(at),\"author\":\"ravi\",\"fields\":{\"title\":\"Other\"},\"n\":1,\"replica\":\"mumbai.a1b2c3\"}]}"),
                "appears twice"
            ),
            ("a dot outside the context", replacing("\"n\":1", "\"n\":2"), "not in the state's context"),
            ("an unknown field", replacing("\"office\":", "\"colour\":\"red\",\"office\":"), "colour"),
            ("a wrong type", replacing("\"office\":\"mumbai\"", "\"office\":\"mumbai\",\"value_usd\":\"lots\""), "value_usd"),
            ("a bad enum", replacing("\"identified\"", "\"won\""), "status"),
            ("deleted not a boolean", replacing("\"deleted\":false", "\"deleted\":\"no\""), "deleted"),
            ("a negative counter", replacing("\"mumbai.a1b2c3\":1}", "\"mumbai.a1b2c3\":-1}"), "not a valid state"),
            ("a duplicate key", replacing("\"title\":\"Lithium JV\"", "\"title\":\"Lithium JV\",\"title\":\"Other\""), "duplicate"),
            ("an invalid record id", replacing("0190f3a2-7c1e-7000-8000-000000000001", "../../etc"), "invalid record id"),
            ("an invalid replica id", replacing("mumbai.a1b2c3", "MUMBAI"), "invalid"),
        ]
    }()

    @Test func theValidStateIsAccepted() throws {
        let accepted = try Self.intake(Self.valid()).get()
        #expect(accepted == Self.valid())
    }

    @Test(arguments: IntakeTests.hostile.indices)
    func everyHostileStateIsRefusedNamingTheRule(index: Int) {
        let (label, json, names) = Self.hostile[index]
        switch Self.intake(json: json) {
        case .accepted: Issue.record("accepted \(label)")
        case .refused(let problem): #expect(problem.contains(names), "\(label): \(problem)")
        }
    }

    @Test func aCounterAtTheLimitCannotGrowAndTheWriteIsRefusedNotTrapped() throws {
        var state = Self.valid(counter: IntakeLimits.maxCounter)
        #expect(try Self.intake(state).get() == state, "the limit itself is accepted")
        let before = state
        #expect(throws: WriteError.self) {
            try state.write(
                ["notes": .text("x")],
                readContext: state.context,
                replica: "mumbai.a1b2c3",
                meta: WriteMeta(author: "asha", at: Self.at)
            )
        }
        #expect(state == before, "a refused write changes nothing")
        // Another replica can still write.
        try state.write(
            ["notes": .text("x")],
            readContext: state.context,
            replica: "chennai.x1",
            meta: WriteMeta(author: "priya", at: Self.at)
        )
    }

    /// Random states near every limit (and past some): any that the intake accepts can be
    /// written to, deleted, resolved, merged with another accepted state and shown.
    @Test func anyAcceptedStateCanBeWrittenDeletedResolvedMergedAndShown() async throws {
        await propertyCheck(count: 1_200, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let first = Self.randomState(&rng)
            let second = Self.randomState(&rng)
            guard case .accepted(let state) = Self.intake(first) else { return }
            let replica = ["mumbai.a1", "chennai.b2", "kolkata.c3"][Int(rng.next() % 3)]
            let meta = WriteMeta(author: "asha", at: Self.at)
            var written = state
            _ = try? written.write(["notes": .text("edited")], readContext: state.context, replica: replica, meta: meta)
            var deleted = state
            _ = try? deleted.delete(readContext: state.context, replica: replica, meta: meta)
            var resolved = state
            _ = try? resolved.resolve(["status": .text("contacted")], replica: replica, meta: meta)
            if case .accepted(let other) = Self.intake(second) {
                _ = try? state.merged(with: other)
                _ = try? other.merged(with: written)
            }
            for shown in [state, written, deleted, resolved] {
                _ = RecordView(shown).json
                _ = shown.displayValues
                _ = try VersionToken(decoding: shown.version.description)
                _ = try StateEnvelope.parse(Data(#"{"states":[\#(shown.canonicalJSON)]}"#.utf8))
            }
        }
    }

    /// A state of one record with 1–6 writes at up to 4 replicas, counters anywhere from 1 to
    /// past the limit, times around the accepted range, authors around their limit.
    static func randomState(_ rng: inout SplitMix64) -> RecordState {
        let replicas = ["mumbai.a1", "chennai.b2", "kolkata.c3", "pune.d4"]
        let counters: [UInt64] = [1, 2, 7, IntakeLimits.maxCounter - 1, IntakeLimits.maxCounter, IntakeLimits.maxCounter + 1, .max]
        let times: [Int64] = [IntakeLimits.earliestAt - 1, IntakeLimits.earliestAt, at, IntakeLimits.latestAt - 1, IntakeLimits.latestAt]
        let authors = ["asha", String(repeating: "é", count: 200), String(repeating: "a", count: 201)]
        let statuses = ["identified", "contacted", "closed_won"]
        var context: [String: UInt64] = [:]
        var fields: [String: [Dot: FieldValue]] = [:]
        var writes: [Dot: WriteMeta] = [:]
        for _ in 0..<(1 + Int(rng.next() % 6)) {
            let replica = replicas[Int(rng.next() % UInt64(replicas.count))]
            let counter = counters[Int(rng.next() % UInt64(counters.count))]
            context[replica] = max(context[replica] ?? 0, counter)
            let dot = Dot(replica: replica, counter: counter)
            writes[dot] = WriteMeta(author: authors[Int(rng.next() % 3)], at: times[Int(rng.next() % UInt64(times.count))])
            fields["status", default: [:]][dot] = .text(statuses[Int(rng.next() % 3)])
            fields[deletedField, default: [:]][dot] = .bool(rng.next() % 5 == 0)
            if rng.next() % 2 == 0 { fields["title", default: [:]][dot] = .text("Deal \(rng.next() % 100)") }
        }
        fields["type"] = [writes.keys.min()!: .text("event")]
        fields["office"] = [writes.keys.min()!: .text("mumbai")]
        fields["tracks"] = [writes.keys.min()!: .list(["sccp"])]
        return RecordState(
            id: "0190f3a2-7c1e-7000-8000-00000000000\(rng.next() % 3)",
            context: VersionVector(context),
            fields: fields,
            writes: writes
        )
    }
}
