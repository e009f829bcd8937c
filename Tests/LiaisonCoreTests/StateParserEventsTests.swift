import Foundation
import LiaisonCore
import Testing

/// The `"events"` array of a sync page, push or bundle, read by `StateEnvelope.parse`.
@Suite struct StateParserEventsTests {
    let recordID = "0190f3a2-7c1e-7000-8000-000000000001"

    func event(n: Int, fields: String = #"{"status":"contacted"}"#, extra: String = "") -> String {
        #"{"at":1767225600000,"author":"asha","fields":\#(fields),"id":"\#(recordID)","n":\#(n),"#
            + #""read":{},"reconstructed":false,"replica":"mumbai.k3f9q2"\#(extra)}"#
    }

    func envelope(_ events: String) -> Data {
        Data(#"{"replica_id":"mumbai.k3f9q2","states":[],"events":\#(events)}"#.utf8)
    }

    @Test func eventsAreReadByRecordInOrder() throws {
        let parsed = try StateEnvelope.parse(envelope("[\(event(n: 1)), \(event(n: 2, fields: #"{"title":"Lithium"}"#))]"))
        let events = try #require(parsed.events.byRecord[recordID])
        #expect(events.map(\.dot.counter) == [1, 2])
        #expect(events[1].values == ["title": .text("Lithium")])
        #expect(events[0].meta.author == "asha")
        #expect(parsed.events.problems.isEmpty)
        // Each event reads back to its canonical JSON.
        #expect(events[0].canonicalJSON == event(n: 1))
        #expect(try WriteEvent(json: Data(event(n: 1).utf8)) == events[0])
    }

    @Test func aWellFormedButInvalidEventNamesItsRecordAndTheRestIsRead() throws {
        let parsed = try StateEnvelope.parse(
            envelope(
                "[\(event(n: 0)), {\"id\":\"\(recordID.dropLast())2\",\"n\":\"three\"}, \(event(n: 5))]"
            )
        )
        #expect(parsed.events.problems[recordID]?.contains("invalid dot") == true, "\(parsed.events.problems)")
        #expect(parsed.events.problems["\(recordID.dropLast())2"]?.contains("at n: expected") == true, "\(parsed.events.problems)")
        #expect(parsed.events.byRecord[recordID]?.map(\.dot.counter) == [5])
    }

    /// An event that names no record cannot be set aside with its record's state: the whole
    /// batch is refused, naming it (it was dropped without a word).
    @Test(arguments: ["1", #""x""#, "null", #"{"x":1}"#])
    func anEventThatNamesNoRecordRefusesTheBatch(bad: String) throws {
        let error = #expect(throws: StateDecodingError.self) { try StateEnvelope.parse(envelope("[\(event(n: 1)), \(bad)]")) }
        #expect(error?.problem.hasPrefix("malformed JSON: at events[1]: ") == true, "\(String(describing: error?.problem))")
    }

    @Test func missingKeysDuplicateKeysAndMissingReplicaAreProblems() throws {
        let noReplica = event(n: 1).replacingOccurrences(of: #","replica":"mumbai.k3f9q2""#, with: "")
        let twice = event(n: 1, extra: #","n":2"#)
        for (json, problem) in [(noReplica, #"missing key "replica""#), (twice, #"duplicate key "n""#)] {
            let parsed = try StateEnvelope.parse(envelope("[\(json)]"))
            #expect(parsed.events.problems[recordID]?.contains(problem) == true, "\(parsed.events.problems)")
            #expect(parsed.events.byRecord.isEmpty)
        }
    }

    /// A write saved under a wrong clock (before 2026.12.04.3 refused them): a peer's event with
    /// that time is refused, while this node reads its own stored one and marks its time.
    @Test func anEventTimedOutsideTheRangeIsRefusedFromPeersButReadWhereStored() throws {
        for at in ["300000", "7258118400000", "-1"] {
            let json = event(n: 1).replacingOccurrences(of: "1767225600000", with: at)
            let parsed = try StateEnvelope.parse(envelope("[\(json)]"))
            #expect(parsed.events.problems[recordID]?.contains("time \(at) is outside 2000-01-01..2100-01-01") == true)
            #expect(parsed.events.byRecord.isEmpty)
            #expect(throws: StateDecodingError.self) { try WriteEvent(json: Data(json.utf8)) }
            let stored = try WriteEvent(storedJSON: Data(json.utf8))
            #expect(stored.meta.at == Int64(at) && stored.isTimeOutOfRange && !stored.isTimeUnknown)
            #expect(stored.canonicalJSON == json)
        }
        let unknown = try WriteEvent(
            json: Data(
                event(n: 1).replacingOccurrences(of: "1767225600000", with: "0")
                    .replacingOccurrences(of: #""reconstructed":false"#, with: #""reconstructed":true"#).utf8
            )
        )
        #expect(unknown.isTimeUnknown && !unknown.isTimeOutOfRange)
        #expect(!(try WriteEvent(json: Data(event(n: 1).utf8))).isTimeOutOfRange)
        #expect(throws: StateDecodingError.self) { try WriteEvent(storedJSON: Data(event(n: 0).utf8)) }
    }

    @Test func aMalformedEventsArrayRefusesTheDocument() {
        for json in [#"{"x":1}"#, "[\(event(n: 1))", "[\(event(n: 1)),]"] {
            #expect(throws: StateDecodingError.self) { try StateEnvelope.parse(envelope(json)) }
        }
        #expect(throws: StateDecodingError.self) {
            try StateEnvelope.parse(Data(#"{"states":[],"events":[],"events":[]}"#.utf8))
        }
    }
}
