import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// The canonical state JSON (what nodes exchange) round-trips, and corrupt states are refused
/// with an error naming the problem.
@Suite struct CodingTests {
    func decode(_ json: String) throws(StateDecodingError) -> RecordState {
        try RecordState(json: Data(json.utf8))
    }

    /// Decoding `json` fails with a `StateDecodingError` whose description contains `problem`.
    func expectRefused(_ json: String, naming problem: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let state = try decode(json)
            Issue.record("decoded a corrupt state: \(state.canonicalJSON)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.contains(problem), "\(error.description)", sourceLocation: sourceLocation)
        }
    }

    @Test func randomStatesRoundTripByteForByte() async throws {
        await propertyCheck(count: 500, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let state = history.randomState()
            let json = state.canonicalJSON
            let decoded = try RecordState(json: Data(json.utf8))
            #expect(decoded == state)
            #expect(decoded.canonicalJSON == json)
            // Reachable states are valid against the schema they were written with.
            try Schema.core.checkState(decoded)
        }
    }

    @Test func canonicalFormIsExact() throws {
        var state = RecordState(id: "r1")
        try state.write(
            ["title": .text("T \"1\""), "value_usd": .number(2_500_000), "tracks": .list(["ipef", "sccp"])],
            readContext: .empty,
            replica: mumbai,
            meta: meta("asha", 5)
        )
        try state.write(
            ["value_usd": .number(12.5), "notes": .null],
            readContext: state.context,
            replica: mumbai,
            meta: meta("ravi", 6)
        )
        #expect(
            state.canonicalJSON == """
                {"context":{"mumbai.k3f9q2":2},"id":"r1","writes":[\
                {"at":5,"author":"asha","fields":{"title":"T \\"1\\"","tracks":["ipef","sccp"]},"n":1,"replica":"mumbai.k3f9q2"},\
                {"at":6,"author":"ravi","fields":{"deleted":false,"notes":null,"value_usd":12.5},"n":2,"replica":"mumbai.k3f9q2"}]}
                """
        )
    }

    @Test func valuesKeepTheirTypesThroughJSON() throws {
        let values: [FieldValue] = [
            .number(0), .number(1), .number(-3), .number(12.5), .number(1e300), .bool(true), .bool(false),
            .text(""), .text("0"), .text("true"), .text("tab\there\u{7}, \"quote\" \\ नमस्ते 🇮🇳"),
            .list([]), .list(["a", "b"]), .null,
        ]
        for value in values {
            var state = RecordState(id: "r1")
            try state.write(["notes": value], readContext: .empty, replica: mumbai, meta: meta("asha", 1))
            let decoded = try decode(state.canonicalJSON)
            #expect(decoded.fields["notes"]?.values.first == value, "\(value)")
            #expect(decoded.canonicalJSON == state.canonicalJSON)
        }
    }

    @Test func nonCanonicalInputDecodesToTheSameState() throws {
        let state = try createdRecord()
        let loose = """
            { "writes": [ { "replica": "mumbai.k3f9q2", "n": 1, "fields": { "status": "identified",
              "deleted": false, "title": "Lithium refinery JV" }, "author": "asha", "at": 1000 } ],
              "id": "\(recordID)", "context": { "mumbai.k3f9q2": 1 } }
            """
        let decoded = try decode(loose)
        #expect(decoded == state)
        #expect(decoded.canonicalJSON == state.canonicalJSON)
    }

    @Test func statesInsideALargerDocumentDecode() throws {
        let states = [try createdRecord(), RecordState(id: "r2")]
        let json = "[" + states.map(\.canonicalJSON).joined(separator: ",") + "]"
        #expect(try JSONDecoder().decode([RecordState].self, from: Data(json.utf8)) == states)
        let corrupt = #"[{"context":{},"id":"r1","writes":[{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"}]}]"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RecordState].self, from: Data(corrupt.utf8)) }
    }

    @Test func malformedJSONIsRefused() {
        expectRefused("", naming: "malformed state JSON")
        expectRefused("{", naming: "malformed state JSON")
        expectRefused("not json", naming: "malformed state JSON")
        expectRefused(#"{"context":{},"id":"r1"}"#, naming: "missing key \"writes\"")
        expectRefused(
            #"{"context":{},"id":"r1","writes":[{"at":1,"author":"a","fields":{"title":{"x":1}},"n":1,"replica":"mumbai.k3f9q2"}]}"#,
            naming: "malformed state JSON"
        )
        expectRefused(#"{"context":{"mumbai.k3f9q2":-1},"id":"r1","writes":[]}"#, naming: "malformed state JSON")
    }

    @Test func writeOutsideTheContextIsRefused() {
        expectRefused(
            #"{"context":{"mumbai.k3f9q2":1},"id":"r1","writes":[{"at":1,"author":"a","fields":{"title":"T"},"n":2,"replica":"mumbai.k3f9q2"}]}"#,
            naming: "write mumbai.k3f9q2:2 is not in the state's context"
        )
        expectRefused(
            #"{"context":{},"id":"r1","writes":[{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"chennai.p8d2x1"}]}"#,
            naming: "not in the state's context"
        )
    }

    @Test func duplicatedWriteIsRefused() {
        let write = #"{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"}"#
        let other = #"{"at":1,"author":"a","fields":{"status":"identified"},"n":1,"replica":"mumbai.k3f9q2"}"#
        expectRefused(#"{"context":{"mumbai.k3f9q2":1},"id":"r1","writes":[\#(write),\#(write)]}"#, naming: "appears twice")
        expectRefused(#"{"context":{"mumbai.k3f9q2":1},"id":"r1","writes":[\#(write),\#(other)]}"#, naming: "appears twice")
    }

    @Test func invalidReplicaIDsAreRefused() {
        expectRefused(#"{"context":{"Mumbai.X":1},"id":"r1","writes":[]}"#, naming: "invalid replica id \"Mumbai.X\"")
        expectRefused(#"{"context":{"nodot":1},"id":"r1","writes":[]}"#, naming: "invalid replica id")
        expectRefused(
            #"{"context":{"mumbai.k3f9q2":1},"id":"r1","writes":[{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"bad id"}]}"#,
            naming: "invalid dot"
        )
    }

    @Test func zeroCountersAreRefused() {
        expectRefused(#"{"context":{"mumbai.k3f9q2":0},"id":"r1","writes":[]}"#, naming: "must be at least 1")
        expectRefused(
            #"{"context":{"mumbai.k3f9q2":1},"id":"r1","writes":[{"at":1,"author":"a","fields":{"title":"T"},"n":0,"replica":"mumbai.k3f9q2"}]}"#,
            naming: "invalid dot mumbai.k3f9q2:0"
        )
    }

    @Test func invalidRecordIDIsRefused() {
        expectRefused(#"{"context":{},"id":"","writes":[]}"#, naming: "invalid record id")
        expectRefused(#"{"context":{},"id":"a/b","writes":[]}"#, naming: "invalid record id")
    }

    @Test func errorsNameTheRecord() throws {
        do {
            _ = try decode(#"{"context":{"mumbai.k3f9q2":0},"id":"rec-42","writes":[]}"#)
            Issue.record("decoded")
        } catch {
            #expect(error.recordID == "rec-42")
            #expect(error.description.hasPrefix("record rec-42: "))
        }
    }

    /// A replica that lost its data and came back with the same id (which docs/design.md §3
    /// forbids) reuses dots: one dot, two different values. Merge refuses it rather than
    /// silently keeping one.
    @Test func oneDotWithTwoValuesCannotBeMerged() throws {
        var first = RecordState(id: recordID)
        try first.write(["title": .text("A")], readContext: .empty, replica: mumbai, meta: meta("asha", 1))
        var second = RecordState(id: recordID)
        try second.write(["title": .text("B")], readContext: .empty, replica: mumbai, meta: meta("asha", 1))
        for (a, b) in [(first, second), (second, first)] {
            do {
                let merged = try a.merged(with: b)
                Issue.record("merged corrupt states: \(merged.canonicalJSON)")
            } catch {
                #expect(error.recordID == recordID)
                #expect(error.description.contains("mumbai.k3f9q2:1"))
                #expect(error.description.contains("title"))
            }
        }
        // Same value but a different author or time under one dot is refused too.
        var third = RecordState(id: recordID)
        try third.write(["title": .text("A")], readContext: .empty, replica: mumbai, meta: meta("ravi", 2))
        #expect(throws: MergeError.self) { try first.merged(with: third) }
    }
}
