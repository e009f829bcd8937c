import Foundation
import LiaisonCore
import PropertyBased
import Testing

/// base64url without padding, as version tokens, list cursors and API tokens are written.
@Suite struct Base64URLTests {
    /// Foundation's base64 with the three replacements RFC 4648 §5 names: the reference.
    func reference(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test func encodesAsTheReferenceAndDecodesBack() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...64), Gen.uint64()) { length, seed in
            var random = SplitMix64(seed: seed)
            let data = Data((0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            let text = Base64URL.encode(data)
            #expect(text == reference(data))
            #expect(Base64URL.decode(text) == data)
        }
    }

    @Test func everyByteValueSurvivesAndTheTextIsURLSafe() {
        let data = Data(0...255)
        let text = Base64URL.encode(data)
        #expect(text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(Base64URL.decode(text) == data)
    }

    @Test func paddedTextDecodes() {
        #expect(Base64URL.decode("YQ==") == Data("a".utf8))
        #expect(Base64URL.decode("YQ") == Data("a".utf8))
    }

    @Test func plainBase64AndOtherTextAreRefused() {
        // "+/8" is plain base64 of fb ff: base64url spells it "-_8".
        #expect(Base64URL.decode("-_8") == Data([0xfb, 0xff]))
        #expect(Base64URL.decode("+/8") == nil)
        #expect(Base64URL.decode("not base64!") == nil)
        #expect(Base64URL.decode("A") == nil)
    }
}
