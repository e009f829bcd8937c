/// Writes JSON text the one canonical way: keys in the order given (callers sort them),
/// no white space, numbers per ``CanonicalNumber``, strings with minimal escaping.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public private(set) var output: String = ""

    /// An empty writer.
    public init() {
        output.reserveCapacity(1024)
    }

    /// Appends a JSON string literal.
    public mutating func string(_ text: String) {
        output.append("\"")
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(text)
            output.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }

    /// Appends raw JSON text (a number, `true`, `null`, punctuation).
    public mutating func raw(_ text: String) {
        output.append(text)
    }

    /// Appends a number.
    public mutating func number(_ value: Double) {
        output.append(CanonicalNumber.format(value))
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
        output.append("[")
        for (index, element) in elements.enumerated() {
            if index > 0 { output.append(",") }
            body(&self, element)
        }
        output.append("]")
    }

    /// Appends an object whose members, in the order given, are written by `body`.
    public mutating func object<Element>(
        _ members: [(key: String, value: Element)], _ body: (inout JSONWriter, Element) -> Void
    ) {
        output.append("{")
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(",") }
            string(member.key)
            output.append(":")
            body(&self, member.value)
        }
        output.append("}")
    }
}
