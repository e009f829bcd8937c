import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// The display values the store keeps beside each state come back exactly as written.
@Suite("Display values JSON")
struct DisplayValuesJSONTests {
    @Test func randomStatesDisplayValuesRoundTrip() async throws {
        await propertyCheck(count: 500, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let values = history.randomState().displayValues
            let json = DisplayValuesJSON.encode(values)
            #expect(try DisplayValuesJSON.decode(json) == values)
        }
    }

    @Test func encodingIsCompactWithSortedKeys() {
        let json = DisplayValuesJSON.encode([
            "value_usd": .number(12.5), "tracks": .list(["ipef", "sccp"]), "title": .text("JV \"1\""),
            "underserved_owned": .bool(true),
        ])
        #expect(json == #"{"title":"JV \"1\"","tracks":["ipef","sccp"],"underserved_owned":true,"value_usd":12.5}"#)
    }

    @Test(
        "a malformed value names the field",
        arguments: [
            (#"{"title":}"#, "at title:"),
            (#"{"tracks":["a",1]}"#, "at tracks[1]:"),
            (#"{"title":"x"} extra"#, "expected the end of the input"),
            ("", "the input is empty"),
        ]
    )
    func malformed(json: String, problem: String) {
        let error = #expect(throws: StateDecodingError.self) { try DisplayValuesJSON.decode(json) }
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "no error")")
    }
}
