public import Foundation

/// base64url without padding (RFC 4648 §5): the text of version tokens, list cursors and API
/// tokens, safe in a URL as it is.
public enum Base64URL {
    /// `bytes` as base64url text without `=` padding.
    public static func encode(_ bytes: Data) -> String {
        swapping(bytes.base64EncodedString(), "+/", for: "-_")
    }

    /// The bytes of base64url `text` (padded or not), or nil when it is not base64url.
    public static func decode(_ text: String) -> Data? {
        guard text.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") }) else { return nil }
        var base64 = swapping(text, "-_", for: "+/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// `text` with the two ASCII characters of `from` swapped for those of `to`, and without `=`.
    /// Byte by byte: a list page makes a token for each record, and Foundation's
    /// `replacingOccurrences` cost more than the rest of making one.
    private static func swapping(_ text: String, _ from: StaticString, for to: StaticString) -> String {
        let (from, to) = (from.utf8Start, to.utf8Start)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            bytes.append(byte == from[0] ? to[0] : byte == from[1] ? to[1] : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
