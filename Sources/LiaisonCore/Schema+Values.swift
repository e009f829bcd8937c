import Foundation

extension Schema {
    /// Parses a value typed by a person (`value_usd=2500000`, `tracks=sccp,ipef`,
    /// `underserved_owned=true`, `opened_on=2026-03-01`). Empty text clears an optional field.
    /// A number may be written as an amount is (`$2,500,000`, `25,00,000`: ``plainNumber(_:)``).
    public func parse(field name: String, text: String) throws(ValidationError) -> FieldValue {
        let field = try declaration(name)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return try check(field: name, value: .null) }
        switch field.kind {
        case .text: return try check(field: name, value: .text(text))
        case .choices:
            let items = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return try check(field: name, value: .list(items.filter { !$0.isEmpty }))
        case .bool:
            guard let flag = YesNo.parse(trimmed) else { throw ValidationError(name, "\(YesNo.expectation), got \(Self.quoted(text))") }
            return .bool(flag)
        case .money, .integer:
            let plain = Self.plainNumber(trimmed) ?? trimmed
            guard plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
                let number = Double(plain)
            else { throw ValidationError(name, "\(field.kind.expectation), got \(Self.quoted(text))") }
            guard number.isFinite else { throw outOfRange(field: name, written: trimmed) }
            return try check(field: name, value: .number(number))
        case .choice, .date, .digits:
            return try check(field: name, value: .text(trimmed))
        }
    }

    /// Checks a value against its field's declaration and returns it normalised (sets sorted).
    /// `.null` clears an optional field.
    public func check(field name: String, value: FieldValue) throws(ValidationError) -> FieldValue {
        let field = try declaration(name)
        func fail() -> ValidationError {
            ValidationError(name, "\(field.kind.expectation), got \(Self.describe(value))")
        }
        if value.isNull {
            if field.required { throw ValidationError(name, "is required") }
            return .null
        }
        switch (field.kind, value) {
        case (.text(let maxLength), .text(let text)):
            if text.utf8.contains(0) { throw ValidationError(name, "must not contain a NUL character") }
            if field.required && text.unicodeScalars.allSatisfy(CharacterSet.whitespacesAndNewlines.contains) {
                throw ValidationError(name, "must not be empty")
            }
            // Every character takes at least one byte, so a short text needs no counting.
            guard text.utf8.count <= maxLength || text.count <= maxLength else {
                throw ValidationError(name, "must be at most \(maxLength) characters, got \(text.count)")
            }
            return value
        case (.choice(let allowed), .text(let text)):
            guard allowed.contains(text) else { throw fail() }
            return value
        case (.choices(let allowed), .list(let items)):
            if let bad = items.first(where: { !allowed.contains($0) }) {
                throw ValidationError(name, "\(field.kind.expectation), got \(Self.quoted(bad))")
            }
            if items.isEmpty && field.required { throw ValidationError(name, "needs at least one value") }
            if zip(items, items.dropFirst()).allSatisfy({ $0 < $1 }) { return value }  // already sorted, no repeats
            return .list(Array(Set(items)).sorted())
        case (.bool, .bool):
            return value
        case (.money, .number(let number)), (.integer, .number(let number)):
            if let problem = field.kind.problem(with: number) {
                throw ValidationError(name, "\(problem), got \(Self.describe(value))")
            }
            return value
        case (.date, .text(let text)):
            guard Self.isDate(text) else { throw fail() }
            return value
        case (.digits(let lengths), .text(let text)):
            guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), lengths.contains(text.utf8.count) else { throw fail() }
            return value
        default:
            throw fail()
        }
    }

    /// The refusal of a number too large for any number to hold (`1e400`, as `written` in an API
    /// body, or a command's `value_usd=` with 400 digits), in the words of field `name`'s own rule,
    /// as ``check(field:value:)`` refuses a number out of its range:
    /// `value_usd: must be at most 1,000,000,000,000 (a trillion dollars), got 1e400`.
    public func outOfRange(field name: String, written: String) -> ValidationError {
        let field: FieldDeclaration
        do { field = try declaration(name) } catch { return error }
        let number: Double = written.hasPrefix("-") ? -.infinity : .infinity
        return ValidationError(name, "\(field.kind.problem(with: number) ?? field.kind.expectation), got \(written.prefix(40))")
    }

    /// Whether `text` is a real calendar date in `YYYY-MM-DD` form.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        // ASCII digits alone: `Int` also reads a sign (`2026-+2-+9`) and other scripts' digits.
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    static func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(String(text.prefix(60)))
        return writer.output
    }

    static func describe(_ value: FieldValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return String(writer.output.prefix(80))
    }
}

extension FieldKind {
    /// What is wrong with `number` as a value of this kind (the rule it breaks, for error
    /// messages), or nil when it is one: an amount from 0 to ``maxMoney``, a whole number in an
    /// integer's range; never a value of another kind.
    func problem(with number: Double) -> String? {
        switch self {
        case .money:
            // Not `number < 0`: NaN is no amount either.
            guard number >= 0 else { return expectation }
            return number <= Self.maxMoney ? nil : "must be at most 1,000,000,000,000 (a trillion dollars)"
        case .integer(let min, let max):
            return number == number.rounded() && Double(min) <= number && number <= Double(max) ? nil : expectation
        default:
            return expectation
        }
    }

    /// What a value of this kind must be, for error messages.
    var expectation: String {
        switch self {
        case .text(let maxLength): return "must be text of at most \(maxLength) characters"
        case .choice(let values): return "must be one of \(values.joined(separator: ", "))"
        case .choices(let values): return "must be a list of values from \(values.joined(separator: ", "))"
        case .bool: return "must be true or false"
        case .money: return "must be a number ≥ 0"
        case .integer(let min, let max): return "must be a whole number from \(min) to \(max)"
        case .date: return "must be a date YYYY-MM-DD"
        case .digits(let lengths): return "must be \(lengths.lowerBound) to \(lengths.upperBound) digits"
        }
    }
}
