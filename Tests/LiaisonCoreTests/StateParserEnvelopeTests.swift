import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// `StateEnvelope.parse`: batches, pages and bundles of states without `JSONDecoder`.
@Suite struct StateParserEnvelopeTests {
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
            let json = #"{"last_sequence":42,"more":true,"replica_id":"mumbai.k3f9q2","states":["#
                + states.map(\.canonicalJSON).joined(separator: ",") + "]}"
            let envelope = try StateEnvelope.parse(Data(json.utf8))
            #expect(envelope.states == states)
            #expect(envelope.fields == ["last_sequence": .integer(42), "more": .bool(true), "replica_id": .string("mumbai.k3f9q2")])
            struct Old: Decodable { let states: [RecordState] }
            #expect(try JSONDecoder().decode(Old.self, from: Data(json.utf8)).states == envelope.states)

            // The same batch written loosely.
            var loose = LooseJSON(rng: SplitMix64(seed: seed))
            let looseJSON = "\n{ \"states\" : [" + states.map { loose.state($0) }.joined(separator: " ,\n") + "] ,"
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
        #expect(envelope.fields["h"] == .number(9223372036854775808))
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

    @Test func badStatesAreNamedByPositionAndRecord() {
        let good = #"{"context":{},"id":"r0","writes":[]}"#
        let notInContext = #"{"context":{},"id":"r9","writes":[{"at":1,"author":"a","fields":{"t":"T"},"n":1,"replica":"a.b"}]}"#
        let json = #"{"replica_id":"a.b","states":[\#(good),\#(good),\#(good),\#(notInContext)]}"#
        do {
            _ = try parse(json)
            Issue.record("parsed")
        } catch {
            #expect(error.description == "states[3]: record r9: write a.b:1 is not in the state's context")
            #expect(error.recordID == "r9")
            #expect(error.location == "states[3]")
        }
        expectRefused(#"{"states":[\#(good),{"context":{},"id":"r1","writes":[{"at":"x"}]}]}"#,
                      naming: "malformed JSON: at states[1].writes[0].at: expected an integer")
        expectRefused(#"{"states":[\#(good) \#(good)]}"#, naming: "at states: expected ',' or ']'")
        expectRefused(#"{"states":[1]}"#, naming: "at states[0]: expected an object (a record state)")
        expectRefused(#"{"states":{}}"#, naming: "at states: expected an array")
        expectRefused(#"{"states":[\#(good)],"states":[]}"#, naming: "duplicate key \"states\"")
        expectRefused(#"{"a":1,"a":1,"states":[]}"#, naming: "duplicate key \"a\"")
        expectRefused(#"{"statez":[]}"#, naming: "at top level: missing key \"states\"")
        expectRefused(#"{"states":[]"#, naming: "malformed JSON")
        expectRefused(#"{"states":[]}]"#, naming: "expected the end of the input")
        expectRefused(#"{"replica_id": "#, naming: "malformed JSON")
        expectRefused("", naming: "empty")
        expectRefused("[]", naming: "expected an object")
        expectRefused(#"{"x":\#(String(repeating: "[", count: 200))\#(String(repeating: "]", count: 200)),"states":[]}"#,
                      naming: "nesting deeper than")
        expectRefused(#"{"x":1e999,"states":[]}"#, naming: "not finite")
    }
}
