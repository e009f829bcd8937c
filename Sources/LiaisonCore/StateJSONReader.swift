/// Reads JSON tokens from UTF-8 bytes with a cursor: strict (RFC 8259: no trailing commas,
/// no comments, no leading zeros, no raw control characters in strings, valid UTF-8, paired
/// surrogates), with white space allowed between any tokens.
///
/// The buffer must outlive the reader; the reader never reads outside it.
struct StateJSONReader {
    /// How deeply a skipped (unknown) value may nest.
    static let maxDepth = 128

    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0

    /// A reader over `bytes`, which must not be empty.
    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        end = bytes.count
    }

    /// The byte at the cursor, or 0 at the end (0 is never valid outside a string).
    @inline(__always) var peek: UInt8 { index < end ? base[index] : 0 }

    func fail(_ problem: String) -> JSONSyntaxError {
        JSONSyntaxError(problem: problem, offset: index)
    }

    /// `unexpected end of input` or `unexpected 'x'`, after `expected …`.
    func unexpected(_ expected: String) -> JSONSyntaxError {
        guard index < end else { return fail("\(expected), found the end of the input") }
        let byte = base[index]
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return fail("\(expected), found \(shown)")
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Skips white space, then consumes `byte` or fails with `expected what`.
    @inline(__always) mutating func consume(_ byte: UInt8, _ what: StaticString) throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < end, base[index] == byte else { throw unexpected("expected \(what)") }
        index += 1
    }

    /// Fails unless only white space is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index == end else { throw unexpected("expected the end of the input") }
    }

    // MARK: - Containers

    /// Consumes `{` (after white space).
    mutating func beginObject(_ what: StaticString = "an object") throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { throw unexpected("expected \(what)") }
        index += 1
    }

    /// The next key of an object (its `:` consumed), or nil when the object ends. `first`
    /// is true before the first member and is updated.
    mutating func nextKey(_ first: inout Bool) throws(JSONSyntaxError) -> String? {
        skipWhitespace()
        if first {
            first = false
            if peek == UInt8(ascii: "}") {
                index += 1
                return nil
            }
        } else {
            switch peek {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                return nil
            default:
                throw unexpected("expected ',' or '}'")
            }
        }
        guard peek == UInt8(ascii: "\"") else { throw unexpected("expected a key") }
        let key = try readString()
        try consume(UInt8(ascii: ":"), "':'")
        skipWhitespace()
        return key
    }

    /// Consumes `[` (after white space).
    mutating func beginArray(_ what: StaticString = "an array") throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else { throw unexpected("expected \(what)") }
        index += 1
    }

    /// Whether another element follows (the cursor then at it), false when the array ends.
    mutating func nextElement(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if first {
            first = false
            if peek == UInt8(ascii: "]") {
                index += 1
                return false
            }
            return true
        }
        switch peek {
        case UInt8(ascii: ","):
            index += 1
            skipWhitespace()
            return true
        case UInt8(ascii: "]"):
            index += 1
            return false
        default:
            throw unexpected("expected ',' or ']'")
        }
    }

    // MARK: - Strings

    /// Reads a string (the cursor at its opening quote).
    mutating func readString() throws(JSONSyntaxError) -> String {
        guard peek == UInt8(ascii: "\"") else { throw unexpected("expected a string") }
        index += 1
        let start = index
        var ascii = true
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let text = try makeString(start, index, ascii: ascii)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw fail("control character 0x\(String(byte, radix: 16)) in a string must be escaped") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw fail("unterminated string")
    }

    private func makeString(_ start: Int, _ stop: Int, ascii: Bool) throws(JSONSyntaxError) -> String {
        let bytes = UnsafeBufferPointer(start: base + start, count: stop - start)
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw JSONSyntaxError(problem: "invalid UTF-8 in a string", offset: start)
        }
        return text
    }

    /// The slow path: a string with escapes, `start` just after its opening quote.
    private mutating func readEscapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(index - start + 16)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while index < end {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw JSONSyntaxError(problem: "invalid UTF-8 in a string", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < end else { throw fail("unterminated string") }
                let escape = base[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try readUnicodeEscape()
                    bytes.append(contentsOf: UTF8.encode(scalar)!)
                default:
                    index -= 1
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
            default:
                if byte < 0x20 { throw fail("control character 0x\(String(byte, radix: 16)) in a string must be escaped") }
                bytes.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` for a surrogate pair.
    private mutating func readUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try readHex4()
        if first >= 0xD800 && first < 0xDC00 {
            guard index + 1 < end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate \\u\(String(first, radix: 16)) in a string")
            }
            index += 2
            let second = try readHex4()
            guard second >= 0xDC00 && second < 0xE000 else {
                throw fail("unpaired surrogate \\u\(String(first, radix: 16)) in a string")
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw fail("unpaired surrogate \\u\(String(first, radix: 16)) in a string")
        }
        return scalar
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= end else { throw fail("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: - Numbers

    /// A number token's extent and shape (the cursor then after it).
    struct NumberToken {
        var start: Int
        var stop: Int
        var negative: Bool
        /// Only digits (after an optional minus): no fraction, no exponent.
        var isInteger: Bool
    }

    /// Scans a number per the JSON grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func scanNumber() throws(JSONSyntaxError) -> NumberToken {
        let start = index
        var negative = false
        if peek == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard isDigit(peek) else { throw unexpected("expected a digit") }
        if peek == UInt8(ascii: "0") {
            index += 1
            if isDigit(peek) { throw fail("leading zeros are not allowed in numbers") }
        } else {
            while isDigit(peek) { index += 1 }
        }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(peek) else { throw unexpected("expected a digit after '.'") }
            while isDigit(peek) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek) else { throw unexpected("expected a digit in the exponent") }
            while isDigit(peek) { index += 1 }
        }
        return NumberToken(start: start, stop: index, negative: negative, isInteger: isInteger)
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// The token's text.
    func text(of token: NumberToken) -> String {
        String(decoding: UnsafeBufferPointer(start: base + token.start, count: token.stop - token.start), as: UTF8.self)
    }

    /// The magnitude of an integer token, nil when it overflows UInt64.
    func magnitude(of token: NumberToken) -> UInt64? {
        var value: UInt64 = 0
        for position in (token.negative ? token.start + 1 : token.start)..<token.stop {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(base[position] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// The exact double of a number token: integers of up to 15 digits directly, anything
    /// else through `Double(String)` on the token's text (correctly rounded).
    func double(of token: NumberToken) -> Double {
        let digits = token.stop - token.start - (token.negative ? 1 : 0)
        if token.isInteger, digits <= 15, let magnitude = magnitude(of: token) {
            let value = Double(magnitude)
            return token.negative ? -value : value
        }
        return Double(text(of: token)) ?? .nan
    }

    /// Reads an unsigned integer (`n`, context counters). Like Foundation's decoder, a
    /// number with a fraction or exponent is accepted when its value is an exact integer.
    mutating func readUInt64() throws(JSONSyntaxError) -> UInt64 {
        let start = index
        guard peek == UInt8(ascii: "-") || isDigit(peek) else { throw unexpected("expected an unsigned integer") }
        let token = try scanNumber()
        if token.isInteger, !token.negative, let value = magnitude(of: token) { return value }
        if !token.isInteger, let value = UInt64(exactly: double(of: token)) { return value }
        throw JSONSyntaxError(problem: "\(text(of: token)) is not an unsigned 64-bit integer", offset: start)
    }

    /// Reads a signed integer (`at`), with the same leniency as ``readUInt64()``.
    mutating func readInt64() throws(JSONSyntaxError) -> Int64 {
        let start = index
        guard peek == UInt8(ascii: "-") || isDigit(peek) else { throw unexpected("expected an integer") }
        let token = try scanNumber()
        if token.isInteger, let magnitude = magnitude(of: token) {
            if !token.negative, magnitude <= UInt64(Int64.max) { return Int64(magnitude) }
            if token.negative, magnitude <= UInt64(Int64.max) + 1 { return Int64(truncatingIfNeeded: 0 &- magnitude) }
        }
        if !token.isInteger, let value = Int64(exactly: double(of: token)) { return value }
        throw JSONSyntaxError(problem: "\(text(of: token)) is not a 64-bit integer", offset: start)
    }

    // MARK: - Literals and skipping

    /// Consumes `literal` (`true`, `false`, `null`) at the cursor, or fails.
    mutating func readLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { throw unexpected("expected a value") }
        for offset in 0..<count where base[index + offset] != literal.utf8Start[offset] {
            throw unexpected("expected a value")
        }
        index += count
    }

    /// Reads `true`, `false` or `null` (the cursor at its first letter): the flag, or nil for null.
    mutating func readKeyword() throws(JSONSyntaxError) -> Bool? {
        switch peek {
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return false
        default:
            try readLiteral("null")
            return nil
        }
    }

    /// The value of a number token, which must be finite (`1e999` fails, naming the number).
    func finiteDouble(of token: NumberToken) throws(JSONSyntaxError) -> Double {
        let number = double(of: token)
        guard number.isFinite else {
            throw JSONSyntaxError(problem: "number \(text(of: token)) is not finite", offset: token.start)
        }
        return number
    }

    /// Skips any one JSON value, checking its syntax; nesting deeper than ``maxDepth`` fails.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
            index += 1
            var first = true
            while try nextKey(&first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
            index += 1
            var first = true
            while try nextElement(&first) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        default: throw unexpected("expected a value")
        }
    }
}
