/// `application/x-www-form-urlencoded` text, as forms and query strings carry it: `+` is a
/// space, `%XX` a byte. The API's query parameters and the web page's forms read it alike, so a
/// client that encodes a space as `+` (an HTML form, Python's `urlencode`) is read as it meant.
public enum FormEncoding {
    /// The name-value pairs of `a=1&b=x+y&b=%C3%A9`, in order (a name without `=` has the value "").
    public static func pairs(_ encoded: Substring) -> [(name: String, value: String)] {
        encoded.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    /// `+` as space, then percent-decoding (invalid escapes are kept as typed).
    public static func decode(_ text: Substring) -> String {
        String(decoding: bytes(text), as: UTF8.self)
    }

    /// Whether every name and value of `encoded`, percent-decoded, is UTF-8 text (``decode(_:)``
    /// reads any other byte as U+FFFD, which a form must not store). `encoded` is text already:
    /// only a `%XX` escape can stand for another byte.
    public static func isUTF8(_ encoded: Substring) -> Bool {
        !encoded.contains("%")
            || encoded.split(whereSeparator: { $0 == "&" || $0 == "=" }).allSatisfy { String(validating: bytes($0), as: UTF8.self) != nil }
    }

    /// The bytes `text` stands for: `+` as space, `%XX` as its byte.
    private static func bytes(_ text: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
