import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// `StateEnvelope.parse`: batches, pages and bundles of states without `JSONDecoder`.
@Suite(.offThePool) struct StateParserEnvelopeTests {
    func parse(_ json: String, statesKey: String = "states") throws(StateDecodingError) -> StateEnvelope {
        try StateEnvelope.parse(Data(json.utf8), statesKey: statesKey)
    }

    func expectRefused(_ json: String, naming problem: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let envelope = try parse(json)
            Issue.record("parsed a corrupt envelope with \(envelope.states.count) states", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.contains(problem), "\(error.description)", sourceLocation: sourceLocation)
        }
    }

    @Test func randomBatchesAgreeWithTheJSONDecoderPath() async throws {
        await propertyCheck(count: 100, input: Gen.int(in: 0...12), Gen.uint64()) { count, seed in
            var states: [RecordState] = []
            for index in 0..<count {
                var history = try RandomHistory.make(replicas: 2 + index % 6, seed: seed &+ UInt64(index))
                states.append(history.randomState())
            }
            let json =
                #"{"last_sequence":42,"more":true,"replica_id":"mumbai.k3f9q2","states":["#
                + states.map(\.canonicalJSON).joined(separator: ",") + "]}"
            let envelope = try StateEnvelope.parse(Data(json.utf8))
            #expect(envelope.states == states)
            #expect(envelope.fields == ["last_sequence": .integer(42), "more": .bool(true), "replica_id": .string("mumbai.k3f9q2")])
            struct Old: Decodable { let states: [RecordState] }
            #expect(try JSONDecoder().decode(Old.self, from: Data(json.utf8)).states == envelope.states)

            // The same batch written loosely.
            var loose = LooseJSON(rng: SplitMix64(seed: seed))
            let looseJSON =
                "\n{ \"states\" : [" + states.map { loose.state($0) }.joined(separator: " ,\n") + "] ,"
                + #" "replica_id" : "mumbai.\u006b3f9q2", "more":true, "last_sequence": 42, "x": [{"y": [1, 2.5, null]}] }"#
            let reparsed = try StateEnvelope.parse(Data(looseJSON.utf8))
            #expect(reparsed.states == states)
            #expect(try reparsed.string("replica_id") == "mumbai.k3f9q2")
            #expect(reparsed.fields["x"] == .compound)
        }
    }

    @Test func scalarFieldsAndAccessors() throws {
        let envelope = try parse(#"{"a":"x","b":-12,"c":2.5,"d":false,"e":null,"f":{},"g":1e2,"h":9223372036854775808,"states":[]}"#)
        #expect(envelope.states.isEmpty)
        #expect(envelope.fields["a"] == .string("x"))
        #expect(envelope.fields["b"] == .integer(-12))
        #expect(envelope.fields["c"] == .number(2.5))
        #expect(envelope.fields["d"] == .bool(false))
        #expect(envelope.fields["e"] == .null)
        #expect(envelope.fields["f"] == .compound)
        #expect(envelope.fields["h"] == .number(9_223_372_036_854_775_808))
        #expect(try envelope.integer("b") == -12)
        #expect(try envelope.integer("g") == 100)
        #expect(try envelope.bool("d") == false)
        #expect(throws: StateDecodingError.self) { try envelope.string("zz") }
        #expect(throws: StateDecodingError.self) { try envelope.string("b") }
        do {
            _ = try envelope.string("zz")
        } catch {
            #expect(error.description == "at top level: missing key \"zz\"")
        }
        do {
            _ = try envelope.string("b")
        } catch {
            #expect(error.description == "at b: expected a string")
        }
        #expect(throws: StateDecodingError.self) { try envelope.integer("c") }
        #expect(throws: StateDecodingError.self) { try envelope.integer("h") }
        #expect(throws: StateDecodingError.self) { try envelope.bool("e") }
        // Another key for the states.
        let other = try parse(#"{"items":[{"context":{},"id":"r1","writes":[]}],"states":5}"#, statesKey: "items")
        #expect(other.states == [RecordState(id: "r1")])
        #expect(other.fields["states"] == .integer(5))
    }

    @Test func wellFormedButInvalidStatesAreRejectedByPositionAndRecordWithTheirBytes() throws {
        let good = #"{"context":{},"id":"r0","writes":[]}"#
        let notInContext = #"{"context":{},"id":"r9","writes":[{"at":1,"author":"a","fields":{"t":"T"},"n":1,"replica":"a.b"}]}"#
        let wrongType = #"{"context":{},"id":"r1","writes":[{"at":"x"}]}"#
        let twice = #"{"context":{"a.b":1},"id":"r2","id":"r3","writes":[]}"#
        let json = #"{"replica_id":"a.b","states":[\#(good),\#(wrongType),\#(good),\#(notInContext),\#(twice),[1,2]]}"#
        let envelope = try parse(json)
        #expect(envelope.states.map(\.id) == ["r0", "r0"])
        #expect(envelope.rejected.map(\.index) == [1, 3, 4, 5])
        #expect(envelope.rejected.map(\.recordID) == ["r1", "r9", "r2", nil])
        #expect(envelope.rejected[0].problem.hasPrefix("not a valid state: at writes[0].at: expected an integer"))
        #expect(envelope.rejected[1].problem == "write a.b:1 is not in the state's context")
        #expect(envelope.rejected[2].problem.contains("duplicate key \"id\""))
        #expect(envelope.rejected[3].problem.contains("expected an object (a record state)"))
        #expect(String(decoding: envelope.rejected[1].bytes, as: UTF8.self) == notInContext)
        #expect(envelope.rejected[1].size == notInContext.utf8.count)
    }

    @Test func aStateOverTheSizeLimitIsRejectedAndOnlyItsFirstBytesAreKept() throws {
        let notes = String(repeating: "n", count: IntakeLimits.maxIntakeStateBytes)
        let huge =
            #"{"context":{"a.b":1},"id":"big","writes":[{"at":1767225600000,"author":"a","fields":{"notes":"\#(notes)"},"n":1,"replica":"a.b"}]}"#
        let envelope = try parse(#"{"states":[\#(huge)]}"#)
        #expect(envelope.states.isEmpty)
        #expect(envelope.rejected.first?.recordID == "big")
        #expect(envelope.rejected.first?.problem.hasPrefix("state of \(huge.utf8.count) bytes is over the limit") == true)
        #expect(envelope.rejected.first?.bytes.count == IntakeLimits.maxQuarantinedBytes)
        #expect(envelope.rejected.first?.size == huge.utf8.count)
    }

    @Test func documentsThatAreNotWellFormedAreRefusedWhole() {
        let good = #"{"context":{},"id":"r0","writes":[]}"#
        expectRefused(
            #"{"states":[\#(good),{"context":{},"id":"r1","writes":[{"at":"x"]}]}"#,
            naming: "malformed JSON: at states[1]"
        )
        expectRefused(#"{"states":[\#(good) \#(good)]}"#, naming: "at states: expected ',' or ']'")
        expectRefused(#"{"states":{}}"#, naming: "at states: expected an array")
        expectRefused(#"{"states":[\#(good)],"states":[]}"#, naming: "duplicate key \"states\"")
        expectRefused(#"{"a":1,"a":1,"states":[]}"#, naming: "duplicate key \"a\"")
        expectRefused(#"{"statez":[]}"#, naming: "at top level: missing key \"states\"")
        expectRefused(#"{"states":[]"#, naming: "malformed JSON")
        expectRefused(#"{"states":[]}]"#, naming: "expected the end of the input")
        expectRefused(#"{"replica_id": "#, naming: "malformed JSON")
        expectRefused("", naming: "empty")
        expectRefused("[]", naming: "expected an object")
        expectRefused(
            #"{"x":\#(String(repeating: "[", count: 200))\#(String(repeating: "]", count: 200)),"states":[]}"#,
            naming: "nesting deeper than"
        )
        expectRefused(#"{"x":1e999,"states":[]}"#, naming: "not finite")
    }
}
