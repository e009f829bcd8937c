import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// The byte-level state parser behind `RecordState(json:)` agrees with the `JSONDecoder`
/// path (`RecordState: Decodable`) on every valid input, and refuses whatever that path
/// refused, with a message naming the record and the problem.
@Suite(.offThePool) struct StateParserTests {
    /// The old path: Foundation's decoder through `RecordState: Decodable`.
    static func oldDecode(_ json: String) -> RecordState? {
        try? JSONDecoder().decode(RecordState.self, from: Data(json.utf8))
    }

    static func newDecode(_ json: String) -> Result<RecordState, StateDecodingError> {
        do {
            return .success(try RecordState(json: Data(json.utf8)))
        } catch {
            return .failure(error)
        }
    }

    func expectRefused(
        _ json: String,
        naming problem: String,
        oldRefusesToo: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch Self.newDecode(json) {
        case .success(let state):
            Issue.record("decoded a corrupt state: \(state.canonicalJSON)", sourceLocation: sourceLocation)
        case .failure(let error):
            #expect(error.description.contains(problem), "\(error.description)", sourceLocation: sourceLocation)
        }
        if oldRefusesToo {
            #expect(Self.oldDecode(json) == nil, "the JSONDecoder path accepted it", sourceLocation: sourceLocation)
        }
    }

    static let write = #"{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"}"#
    static func state(context: String = #"{"mumbai.k3f9q2":1}"#, writes: String = "[\(write)]") -> String {
        #"{"context":\#(context),"id":"r1","writes":\#(writes)}"#
    }

    // MARK: - Agreement on valid input

    @Test func randomStatesAgreeWithTheJSONDecoderPath() async throws {
        await propertyCheck(count: 600, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let state = history.randomState()
            let json = state.canonicalJSON
            let decoded = try RecordState(json: Data(json.utf8))
            #expect(decoded == state)
            #expect(decoded == Self.oldDecode(json))
            #expect(decoded.canonicalJSON == json)
        }
    }

    @Test func looseRandomStatesAgreeWithTheJSONDecoderPath() async throws {
        await propertyCheck(count: 500, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let state = history.randomState()
            var loose = LooseJSON(rng: SplitMix64(seed: seed ^ 0x5EED))
            let json = loose.state(state)
            let decoded = try RecordState(json: Data(json.utf8))
            #expect(decoded == state, "\(json)")
            #expect(Self.oldDecode(json) == state, "\(json)")
            #expect(decoded.canonicalJSON == state.canonicalJSON)
        }
    }

    @Test func awkwardStringsAndNumbersSurviveLooseJSON() throws {
        let texts = [
            "", "\"", "\\", "/", "tab\there", "\u{0}\u{1}\u{1F}\u{7F}", "line\nbreak\r\n", "नमस्ते",
            "🇮🇳 flag", "e\u{301}", "\u{FFFF}\u{10FFFF}", "😀😀", "\u{2028}\u{2029}",
        ]
        let numbers: [Double] = [
            0, -0.0, 1, -1, 12.5, 1e300, -1e-300, .leastNonzeroMagnitude, 1.7976931348623157e308, 0.1,
            9_007_199_254_740_992, 123_456_789_012_345, 0.30000000000000004,
        ]
        var state = RecordState(id: "Rec_1-x")
        var values: [String: FieldValue] = ["list": .list(texts), "yes": .bool(true), "no": .bool(false), "gone": .null]
        for (index, text) in texts.enumerated() { values["text \(index) \(text)"] = .text(text) }
        for (index, number) in numbers.enumerated() { values["number\(index)"] = .number(number) }
        try state.write(values, readContext: .empty, replica: "new-delhi.a1_b2", meta: WriteMeta(author: "ऋषि \"R\" 🙂", at: -5))
        try state.write(["title": .text("x")], readContext: state.context, replica: "a.b", meta: WriteMeta(author: "", at: Int64.max))
        try state.write(["title": .text("y")], readContext: .empty, replica: "a.b", meta: WriteMeta(author: "", at: Int64.min))
        for seed in 0..<200 as Range<UInt64> {
            var loose = LooseJSON(rng: SplitMix64(seed: seed))
            let json = loose.state(state)
            let decoded = try RecordState(json: Data(json.utf8))
            #expect(decoded == state)
            #expect(decoded.canonicalJSON == state.canonicalJSON)
            #expect(Self.oldDecode(json) == state)
        }
        let decoded = try RecordState(json: Data(state.canonicalJSON.utf8))
        #expect(decoded.canonicalJSON == state.canonicalJSON)
        // Exact doubles: the token text is parsed, not accumulated digit by digit.
        let field = decoded.fields["number12"]!.values.first!
        #expect(field == .number(0.30000000000000004))
    }

    @Test func prettyPrintedAndEscapedInputDecodes() throws {
        let state = try createdRecord()
        let pretty = """
            {
              "writes" : [
                {
                  "replica" : "mumbai.k3f9q2",
                  "n" : 1,
                  "fields" : {
                    "status" : "identified",
                    "deleted" : false,
                    "title" : "Lithium\\u0020refinery\\u0020JV"
                  },
                  "author" : "\\u0061sha",
                  "at" : 1000
                }
              ],
              "id" : "\(recordID)",
              "\\u0063ontext" : { "mumbai.k3f9q2" : 1 }
            }

            """
        let decoded = try RecordState(json: Data(pretty.utf8))
        #expect(decoded == state)
        #expect(Self.oldDecode(pretty) == state)
        // Numbers in forms Foundation's decoder also takes for integers.
        let exponents = Self.state(writes: #"[{"at":1e3,"author":"a","fields":{"title":"T"},"n":1.0,"replica":"mumbai.k3f9q2"}]"#)
        #expect(try RecordState(json: Data(exponents.utf8)).writes.values.first?.at == 1000)
    }

    @Test func unknownKeysAreIgnoredAtTheTopAndInWrites() throws {
        let json =
            #"{"context":{"mumbai.k3f9q2":1},"future":{"a":[1,{"b":null}],"c":"\u00e9"},"id":"r1","#
            + #""writes":[{"at":1,"author":"a","fields":{"title":"T"},"later":[[],{}],"n":1,"replica":"mumbai.k3f9q2"}]}"#
        let decoded = try RecordState(json: Data(json.utf8))
        #expect(decoded.fields["title"]?.values.first == .text("T"))
        #expect(decoded == Self.oldDecode(json))
    }

    /// A write without fields holds no live dot: its metadata is pruned, as it always was.
    @Test func writesWithoutFieldsArePruned() throws {
        let json = Self.state(
            context: #"{"mumbai.k3f9q2":2}"#,
            writes: "[\(Self.write),"
                + #"{"at":2,"author":"b","fields":{},"n":2,"replica":"mumbai.k3f9q2"}]"#
        )
        let decoded = try RecordState(json: Data(json.utf8))
        #expect(decoded == Self.oldDecode(json))
        #expect(decoded.writes.count == 1)
    }

    // MARK: - Refusals

    @Test func malformedJSONIsRefusedAtEveryPoint() throws {
        let json = Self.state()
        // Every truncation.
        for length in 0..<json.utf8.count {
            let prefix = String(decoding: Array(json.utf8)[..<length], as: UTF8.self)
            expectRefused(prefix, naming: "malformed state JSON")
        }
        let cases: [(String, String)] = [
            ("", "empty"),
            ("   ", "end of the input"),
            ("not json", "expected an object"),
            ("[]", "expected an object"),
            (#"{"context":{},"id":"r1","writes":[]"#, "expected ',' or '}'"),
            (#"{"context":{},"id":"r1","writes":[]} x"#, "expected the end of the input"),
            (#"{"context":{},"id":"r1","writes":[]}{}"#, "expected the end of the input"),
            (#"{"context":{},"id":"r1" "writes":[]}"#, "expected ',' or '}'"),
            (#"{"context":{},"id":"r1","writes" []}"#, "expected ':'"),
            (#"{"context":{},"id":'r1',"writes":[]}"#, "at id: expected a string"),
            (#"{"context":{},"id":"r1,"writes":[]}"#, "malformed state JSON"),
            (#"{"context":{},"id":"r\1","writes":[]}"#, "invalid escape"),
            (#"{"context":{},"id":"r\u12","writes":[]}"#, "hex digit"),
            (#"{"context":{},"id":"r1","writes":[],"x":tru}"#, "at x: expected a value"),
            ("{\"context\":{},\"id\":\"r\n1\",\"writes\":[]}", "control character"),
            (#"{"context":{},"id":"r1","writes":[]} // comment"#, "expected the end of the input"),
        ]
        for (json, problem) in cases { expectRefused(json, naming: problem) }
        // Foundation's decoder let these through (trailing commas; unknown values it never
        // looked into); the strict parser refuses them.
        let lenient: [(String, String)] = [
            (#"{"context":{},"id":"r1","writes":[],}"#, "expected a key"),
            (#"{"context":{},"id":"r1","writes":[],"x":[1,]}"#, "at x: expected a value"),
            (#"{"context":{},"id":"r1","writes":[],"x":01}"#, "leading zeros"),
            (#"{"context":{},"id":"r1","writes":[],"x":1.}"#, "digit after '.'"),
            (#"{"context":{},"id":"r1","writes":[],"x":-}"#, "expected a digit"),
            (#"{"context":{},"id":"r1","writes":[],"x":"\ud800"}"#, "unpaired surrogate"),
            (#"{"context":{},"id":"r1","writes":[],"x":"\udc00"}"#, "unpaired surrogate"),
            (#"{"context":{},"id":"r1","writes":[],"x":"\ud800\u0041"}"#, "unpaired surrogate"),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"},]"#),
                "at writes[1]: expected an object (a write), found ']'"
            ),
            (#"{"context":{},"id":"r1","writes":[],"x":"\u00"}"#, "hex digit"),
            (#"{"context":{},"id":"r1","writes":[],"x":{"a":1,}}"#, "at x: expected a key"),
        ]
        for (json, problem) in lenient { expectRefused(json, naming: problem, oldRefusesToo: false) }
    }

    @Test func invalidUTF8IsRefused() {
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF]] {
            let inID = Array(#"{"context":{},"id":"r"#.utf8) + bytes + Array(#"","writes":[]}"#.utf8)
            // Foundation's decoder never looked into unknown values; the strict parser does.
            let inUnknown = Array(#"{"context":{},"id":"r1","writes":[],"x":""#.utf8) + bytes + Array(#""}"#.utf8)
            #expect((try? JSONDecoder().decode(RecordState.self, from: Data(inID))) == nil)
            for json in [inID, inUnknown] {
                do {
                    let state = try RecordState(json: Data(json))
                    Issue.record("decoded \(state)")
                } catch {
                    #expect(error.description.contains("invalid UTF-8"), "\(error)")
                }
            }
        }
    }

    @Test func wrongTypesAndMissingKeysAreRefused() {
        let cases: [(String, String)] = [
            (#"{"context":[],"id":"r1","writes":[]}"#, "at context: expected an object"),
            (#"{"context":{},"id":1,"writes":[]}"#, "at id: expected a string"),
            (#"{"context":{},"id":"r1","writes":{}}"#, "at writes: expected an array"),
            (#"{"context":{},"id":null,"writes":[]}"#, "at id: expected a string"),
            (#"{"context":{"mumbai.k3f9q2":"1"},"id":"r1","writes":[]}"#, "at context.mumbai.k3f9q2: expected an unsigned integer"),
            (#"{"context":{"mumbai.k3f9q2":-1},"id":"r1","writes":[]}"#, "not an unsigned 64-bit integer"),
            (#"{"context":{"mumbai.k3f9q2":1.5},"id":"r1","writes":[]}"#, "not an unsigned 64-bit integer"),
            (#"{"context":{"mumbai.k3f9q2":18446744073709551616},"id":"r1","writes":[]}"#, "not an unsigned 64-bit integer"),
            (#"{"context":{},"id":"r1"}"#, "at top level: missing key \"writes\""),
            (#"{"id":"r1","writes":[]}"#, "missing key \"context\""),
            (#"{"context":{},"writes":[]}"#, "missing key \"id\""),
            (Self.state(writes: "[1]"), "at writes[0]: expected an object (a write)"),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":"T"},"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0]: missing key \"n\""
            ),
            (
                Self.state(writes: #"[{"at":"1","author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].at: expected an integer"
            ),
            (
                Self.state(writes: #"[{"at":9223372036854775808,"author":"a","fields":{},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "not a 64-bit integer"
            ),
            (
                Self.state(writes: #"[{"at":1,"author":null,"fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].author: expected a string"
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":{"x":1}},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].fields.title: expected a string, number, boolean, list of strings or null"
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"tracks":["a",1]},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].fields.tracks[1]: expected a string"
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"tracks":["a",null]},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].fields.tracks[1]"
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":[],"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].fields: expected an object"
            ),
        ]
        for (json, problem) in cases { expectRefused(json, naming: problem) }
    }

    @Test func nonFiniteNumbersAreRefused() {
        for number in ["1e999", "-1e400", "NaN", "Infinity", "-Infinity", "nan", "inf"] {
            let json = Self.state(writes: #"[{"at":1,"author":"a","fields":{"value_usd":\#(number)},"n":1,"replica":"mumbai.k3f9q2"}]"#)
            expectRefused(json, naming: "at writes[0].fields.value_usd")
        }
        expectRefused(
            Self.state(writes: #"[{"at":1,"author":"a","fields":{"value_usd":1e999},"n":1,"replica":"mumbai.k3f9q2"}]"#),
            naming: "number 1e999 is not finite"
        )
    }

    @Test func inconsistentStatesAreRefusedNamingTheRecord() {
        let write2 = #"{"at":1,"author":"a","fields":{"title":"T"},"n":2,"replica":"mumbai.k3f9q2"}"#
        let other = #"{"at":1,"author":"a","fields":{"status":"identified"},"n":1,"replica":"mumbai.k3f9q2"}"#
        let cases: [(String, String)] = [
            (Self.state(writes: "[\(write2)]"), "record r1: write mumbai.k3f9q2:2 is not in the state's context"),
            (Self.state(context: "{}"), "record r1: write mumbai.k3f9q2:1 is not in the state's context"),
            (Self.state(writes: "[\(Self.write),\(Self.write)]"), "record r1: write mumbai.k3f9q2:1 appears twice"),
            (Self.state(writes: "[\(Self.write),\(other)]"), "record r1: write mumbai.k3f9q2:1 appears twice"),
            (Self.state(context: #"{"Mumbai.X":1}"#, writes: "[]"), "record r1: invalid replica id \"Mumbai.X\" in context"),
            (Self.state(context: #"{"nodot":1}"#, writes: "[]"), "invalid replica id \"nodot\""),
            (Self.state(context: #"{"mumbai.k3f9q2":0}"#, writes: "[]"), "record r1: context counter for mumbai.k3f9q2 must be at least 1"),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":"T"},"n":0,"replica":"mumbai.k3f9q2"}]"#),
                "record r1: invalid dot mumbai.k3f9q2:0"
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"bad id"}]"#),
                "record r1: invalid dot bad id:1"
            ),
            (#"{"context":{},"id":"","writes":[]}"#, "invalid record id"),
            (#"{"context":{},"id":"a/b","writes":[]}"#, "record a/b: invalid record id"),
            (#"{"context":{},"id":"é","writes":[]}"#, "invalid record id"),
            (#"{"context":{},"id":"\#(String(repeating: "a", count: 65))","writes":[]}"#, "invalid record id"),
        ]
        for (json, problem) in cases { expectRefused(json, naming: problem) }
        if case .failure(let error) = Self.newDecode(Self.state(writes: "[\(write2)]")) {
            #expect(error.recordID == "r1")
            #expect(error.location == nil)
        }
    }

    /// Duplicate keys were silently resolved by Foundation's decoder; now they are refused.
    @Test func duplicateKeysAreRefused() {
        let cases: [(String, String)] = [
            (#"{"context":{},"id":"r1","id":"r2","writes":[]}"#, "at top level: duplicate key \"id\""),
            (#"{"context":{},"context":{},"id":"r1","writes":[]}"#, "duplicate key \"context\""),
            (#"{"context":{},"id":"r1","writes":[],"writes":[]}"#, "duplicate key \"writes\""),
            (#"{"context":{},"id":"r1","writes":[],"x":1,"x":2}"#, "duplicate key \"x\""),
            (#"{"context":{"a.b":1,"a.b":2},"id":"r1","writes":[]}"#, "at context: duplicate key \"a.b\""),
            (#"{"context":{"a.b":1,"\u0061.b":1},"id":"r1","writes":[]}"#, "at context: duplicate key \"a.b\""),
            (
                Self.state(writes: #"[{"at":1,"at":2,"author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0]: duplicate key \"at\""
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":"T","title":"U"},"n":1,"replica":"mumbai.k3f9q2"}]"#),
                "at writes[0].fields: duplicate key \"title\""
            ),
            (
                Self.state(writes: #"[{"at":1,"author":"a","fields":{"title":"T"},"n":1,"replica":"mumbai.k3f9q2","y":1,"y":1}]"#),
                "at writes[0]: duplicate key \"y\""
            ),
        ]
        for (json, problem) in cases { expectRefused(json, naming: problem, oldRefusesToo: false) }
    }

    @Test func tooDeepNestingIsRefused() {
        for depth in [129, 600, 100_000] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let json = #"{"context":{},"id":"r1","writes":[],"x":\#(nested)}"#
            expectRefused(json, naming: "nesting deeper than", oldRefusesToo: depth > 512)
            let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            expectRefused(
                #"{"context":{},"id":"r1","writes":[{"at":1,"author":"a","fields":{},"n":1,"replica":"a.b","x":\#(objects)}]}"#,
                naming: "nesting deeper than",
                oldRefusesToo: depth > 512
            )
        }
        // Reasonable nesting in unknown values is fine.
        let nested = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try RecordState(json: Data(#"{"context":{},"id":"r1","writes":[],"x":\#(nested)}"#.utf8)) }
    }

    /// Random single-byte corruptions of random states: whatever the old path refused, the new
    /// one refuses; whatever both accept decodes to the same state. The new parser may refuse
    /// more (it is strict RFC 8259: Foundation's decoder lets e.g. a trailing comma through).
    @Test func corruptedBytesAreRefusedWheneverTheOldPathRefusedThem() async throws {
        let junk = Array(#"{}[]":,\ -.0123456789eEtfnulx"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F]
        await propertyCheck(count: 300, input: Gen.int(in: 2...5), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let state = history.randomState()
            var rng = SplitMix64(seed: seed)
            let original = Array(state.canonicalJSON.utf8)
            for _ in 0..<20 {
                var bytes = original
                bytes[Int(rng.next() % UInt64(bytes.count))] = junk[Int(rng.next() % UInt64(junk.count))]
                let old = try? JSONDecoder().decode(RecordState.self, from: Data(bytes))
                let new = try? RecordState(json: Data(bytes))
                if old == nil { #expect(new == nil, "\(String(decoding: bytes, as: UTF8.self))") }
                if let new, let old { #expect(new == old, "\(String(decoding: bytes, as: UTF8.self))") }
            }
        }
    }

    // MARK: - Identifiers

    /// The old, character-based rules, for comparison with the byte-level ones.
    static func oldReplicaIDIsValid(_ text: String) -> Bool {
        (3...64).contains(text.count)
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "._-".contains($0) }
            && text.contains(".") && !text.hasPrefix(".") && !text.hasSuffix(".")
    }

    static func oldRecordIDIsValid(_ text: String) -> Bool {
        (1...64).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    @Test func byteLevelIDChecksFollowTheOldRules() {
        let alphabet: [String] = [
            "a", "z", "A", "Z", "0", "9", ".", "-", "_", " ", "/", ":", "é", "e\u{301}", "\r\n",
            "\u{0}", "ß", "١", "😀", "\u{7F}", "`", "{", "@", "[", "k",
        ]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 70)
            let text = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            #expect(ReplicaID.isValid(text) == Self.oldReplicaIDIsValid(text), "\(text.debugDescription)")
            #expect(RecordID.isValid(text) == Self.oldRecordIDIsValid(text), "\(text.debugDescription)")
        }
        for text in [
            "a.b", "ab.", ".ab", "a..", String(repeating: "a", count: 62) + ".b", String(repeating: "a", count: 63) + ".b",
            String(repeating: "A", count: 64), String(repeating: "A", count: 65), RecordID.make(),
        ] {
            #expect(ReplicaID.isValid(text) == Self.oldReplicaIDIsValid(text), "\(text)")
            #expect(RecordID.isValid(text) == Self.oldRecordIDIsValid(text), "\(text)")
        }
    }
}
