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
        for (index, office) in CoreSchema.offices.enumerated() {
            counters["\(office).r\(index)-x_y"] = IntakeLimits.maxCounter - UInt64(index)
        }
        let context = VersionVector(counters)
        let text = VersionToken(context: context).description
        #expect(text.allSatisfy { Self.urlSafe.contains($0) })
        #expect(try VersionToken(decoding: text).context == context)
        // The empty context has a token too.
        #expect(try VersionToken(decoding: VersionToken(context: .empty).description).context == .empty)
    }

    @Test func tokensBeyondTheIntakeLimitsAreRefusedWithAReason() throws {
        func refusal(_ context: VersionVector) -> String? {
            do {
                _ = try VersionToken(decoding: VersionToken(context: context).description)
                return nil
            } catch {
                return error.problem
            }
        }
        #expect(refusal(VersionVector(["mumbai.a1": IntakeLimits.maxCounter + 1]))?.contains("malformed entry") == true)
        #expect(refusal(VersionVector(["mumbai.a1": UInt64.max]))?.contains("malformed entry") == true)
        let many = Dictionary(uniqueKeysWithValues: (0...IntakeLimits.maxReplicas).map { ("mumbai.r\($0)", UInt64(1)) })
        #expect(refusal(VersionVector(many)) == "names more than \(IntakeLimits.maxReplicas) replicas")
        let most = Dictionary(uniqueKeysWithValues: (1...IntakeLimits.maxReplicas).map { ("mumbai.r\($0)", UInt64(1)) })
        #expect(refusal(VersionVector(most)) == nil)
        let long = String(repeating: "A", count: VersionToken.maxLength + 1)
        #expect(throws: VersionTokenError.self) { try VersionToken(decoding: long) }
    }
}
