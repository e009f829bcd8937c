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

    /// The value as text a person reads (`2500000`, `true`, `a, b`).
    public var displayText: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return CanonicalNumber.format(number)
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

/// The one way Liaison writes a number, so that equal states are equal bytes.
public enum CanonicalNumber {
    /// Integral values within ±2^53 print without a fraction (`2500000`); others use Swift's
    /// shortest round-tripping form (`12.5`).
    public static func format(_ number: Double) -> String {
        isIntegral(number) ? String(Int64(number)) : String(number)
    }

    /// Whether `number` prints without a fraction: integral and within ±2^53.
    public static func isIntegral(_ number: Double) -> Bool {
        number == number.rounded() && abs(number) < 9_007_199_254_740_992
    }
}
