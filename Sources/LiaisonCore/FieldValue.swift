/// The value of one field in one write.
///
/// Dates are `.text` in ISO 8601 form (`2026-03-01`); sets of ids are `.list`, kept sorted.
public enum FieldValue: Hashable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case list([String])
    /// The field was cleared.
    case null

    /// Whether the field was cleared.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as text a person reads and types back (`2500000`, `0.000001`, `true`, `a,b`):
    /// numbers in plain decimal notation (``PlainDecimal``), which data entry accepts.
    public var displayText: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return PlainDecimal.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .list(let items): return items.joined(separator: ",")
        case .null: return ""
        }
    }

    /// The text, when this is `.text`.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The number, when this is `.number`.
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The flag, when this is `.bool`.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The items, when this is `.list`.
    public var listValue: [String]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// The one way Liaison writes a number in JSON (``JSONWriter``), so that equal states are equal
/// bytes: integral values within ±2^53 without a fraction (`2500000`), others in Swift's shortest
/// round-tripping form (`12.5`, `1e-06`). Text for people uses ``PlainDecimal``, never an exponent.
public enum CanonicalNumber {
    /// Whether `number` prints without a fraction: integral and within ±2^53.
    public static func isIntegral(_ number: Double) -> Bool {
        number == number.rounded() && abs(number) < 9_007_199_254_740_992
    }
}
