/// Writes JSON text the one canonical way: keys in the order given (callers sort them),
/// no white space, numbers per ``CanonicalNumber``, strings with minimal escaping.
///
/// The text accumulates as UTF-8 bytes (appending to a `String` piece by piece costs several
/// times more); ``output`` and ``bytes`` give it whole.
public struct JSONWriter: Sendable {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// The text written so far.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    /// An empty writer.
    public init() {
        bytes.reserveCapacity(1024)
    }

    /// Appends a JSON string literal: `"`, `\\` and control characters escaped, every other
    /// byte (all of UTF-8 beyond ASCII included) as it is.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var clean = 0  // start of the run of bytes that need no escape
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                appendEscape(of: byte)
                clean = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(of byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case UInt8(ascii: "\n"): raw("\\n")
        case UInt8(ascii: "\r"): raw("\\r")
        case UInt8(ascii: "\t"): raw("\\t")
        default:
            let hex = String(byte, radix: 16)
            raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        }
    }

    /// Appends raw JSON text (a number, `true`, `null`, punctuation).
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends an integer.
    public mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        integer(value.magnitude)
    }

    /// Appends an unsigned integer, its digits written straight into the bytes.
    public mutating func integer(_ value: UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends a number, in ``CanonicalNumber``'s form.
    public mutating func number(_ value: Double) {
        if CanonicalNumber.isIntegral(value) {
            integer(Int64(value))
        } else {
            raw(String(value))
        }
    }

    /// Appends a field value.
    public mutating func value(_ value: FieldValue) {
        switch value {
        case .text(let text): string(text)
        case .number(let number): self.number(number)
        case .bool(let flag): raw(flag ? "true" : "false")
        case .null: raw("null")
        case .list(let items): array(items) { $0.string($1) }
        }
    }

    /// Appends an array, writing each element with `body`.
    public mutating func array<Element>(_ elements: [Element], _ body: (inout JSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            body(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends an object whose members, in the order given, are written by `body`.
    public mutating func object<Element>(
        _ members: [(key: String, value: Element)],
        _ body: (inout JSONWriter, Element) -> Void
    ) {
        bytes.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(member.key)
            bytes.append(UInt8(ascii: ":"))
            body(&self, member.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
