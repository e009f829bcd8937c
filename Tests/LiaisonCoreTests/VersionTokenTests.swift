import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// Version tokens: the record's whole context, opaque and URL-safe (docs/design.md §4).
@Suite struct VersionTokenTests {
    static let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    func token(of text: String) -> String {
        token(of: Data(text.utf8))
    }

    func token(of data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func expectRefused(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let decoded = try VersionToken(decoding: text)
            Issue.record("accepted \"\(text)\" as \(decoded.context.counters)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.token == text, sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("invalid version token"), sourceLocation: sourceLocation)
        }
    }

    @Test func tokensRoundTripAndAreURLSafe() async throws {
        await propertyCheck(count: 500, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed)
            let context = history.randomState().context
            let text = VersionToken(context: context).description
            #expect(text.allSatisfy { Self.urlSafe.contains($0) }, "\(text)")
            #expect(try VersionToken(decoding: text).context == context)
            #expect(try VersionToken(decoding: text) == VersionToken(context: context))
        }
    }

    @Test func bigCountersAndManyReplicasRoundTrip() throws {
        var counters: [String: UInt64] = [:]
        for (index, office) in CoreSchema.offices.enumerated() { counters["\(office).r\(index)-x_y"] = UInt64.max - UInt64(index) }
        let context = VersionVector(counters)
        let text = VersionToken(context: context).description
        #expect(text.allSatisfy { Self.urlSafe.contains($0) })
        #expect(try VersionToken(decoding: text).context == context)
        // The empty context has a token too.
        #expect(try VersionToken(decoding: VersionToken(context: .empty).description).context == .empty)
    }

    @Test func equalContextsGiveEqualTokens() {
        let a = VersionVector([mumbai: 2, chennai: 1])
        var b = VersionVector([chennai: 1])
        b.add(Dot(replica: mumbai, counter: 2))
        #expect(VersionToken(context: a).description == VersionToken(context: b).description)
    }

    @Test func garbageIsRefused() {
        for text in ["", "!!!!", "not a token", "abc$def", "YWJj=", "é", "MXw==", "  MXw", "MXw\n", String(repeating: "A", count: 5)] {
            expectRefused(text)
        }
    }

    @Test func wellFormedButWrongContentIsRefused() {
        for text in [
            "2|mumbai.k3f9q2:1",                  // unknown format version
            "mumbai.k3f9q2:1",                    // no version prefix
            "1|mumbai.k3f9q2:0",                  // zero counter
            "1|mumbai.k3f9q2:-1",                 // negative counter
            "1|mumbai.k3f9q2:x",                  // not a number
            "1|mumbai.k3f9q2",                    // no counter
            "1|mumbai.k3f9q2:1:2",                // two counters
            "1|MUMBAI.k3f9q2:1",                  // invalid replica id
            "1|mumbai.k3f9q2:1,mumbai.k3f9q2:2",  // one replica twice
            "1|mumbai.k3f9q2:99999999999999999999999",  // overflow
        ] {
            expectRefused(token(of: text))
        }
        // Invalid UTF-8.
        expectRefused(token(of: Data([0x31, 0x7C, 0xFF, 0xFE])))
    }

    @Test func tamperedTokensAreRefused() {
        let good = VersionToken(context: VersionVector([mumbai: 3, chennai: 12])).description
        #expect(good.first == "M")
        // A changed first character changes the format prefix.
        expectRefused("N" + good.dropFirst())
        // Characters outside the URL-safe alphabet.
        expectRefused(good.replacingOccurrences(of: "M", with: "+"))
        expectRefused(good + "=")
        expectRefused(String(good.dropLast()) + "/")
        // Cut so that an entry loses its counter.
        let cut = token(of: "1|chennai.p8d2x1:12,mumbai.k3f9q2:")
        #expect(good.hasPrefix(String(cut.dropLast())))
        expectRefused(cut)
    }

    /// A token naming writes this node has not received is still a valid token.
    @Test func tokensNamingUnseenWritesDecode() throws {
        let text = token(of: "1|kolkata.zz9:400,mumbai.k3f9q2:1")
        let decoded = try VersionToken(decoding: text)
        #expect(decoded.context == VersionVector(["kolkata.zz9": 400, mumbai: 1]))
        #expect(decoded.description == text)
    }
}
