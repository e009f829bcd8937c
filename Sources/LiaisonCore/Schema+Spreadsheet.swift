import Foundation

extension Schema {
    /// Parses a spreadsheet cell: the spellings spreadsheets use are brought to the form a
    /// person types at the command line, then checked by ``parse(field:text:)`` (one set of
    /// rules for all data entry).
    ///
    /// - choices match case- and space-insensitively (`Closed Won` → `closed_won`,
    ///   `New Delhi` → `new-delhi`); lists may be separated by `;` or `,`;
    /// - dates as `YYYY-MM-DD` or `dd/mm/yyyy` (also `d/m/yyyy`, `dd.mm.yyyy`, `dd-mm-yyyy`), or
    ///   month first (`mm/dd/yyyy`) when `dates` is ``DateOrder/monthFirst``, each perhaps with a
    ///   time of exactly midnight after it (`2026-03-01 00:00:00`, ``SpreadsheetDate``);
    /// - amounts with a `$` or `US$` sign and digits grouped in thousands (`$2,500,000`) or in
    ///   lakhs and crores (`$25,00,000`); an amount in rupees (`₹5,00,000`, `Rs 500`, `INR 500`)
    ///   is refused, naming the field's currency, US dollars;
    /// - booleans as ``YesNo`` reads them (`true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0`), the
    ///   reserved ``deletedField`` (an export's `deleted` column) included.
    ///
    /// An empty cell is `.null` (which a required field refuses).
    public func parseCell(field name: String, text: String, dates: DateOrder = .dayFirst) throws(ValidationError) -> FieldValue {
        if name == deletedField { return try Self.flag(name, text) }
        let field = try declaration(name)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch field.kind {
        case .choice(let allowed):
            return try parse(field: name, text: Self.matchChoice(trimmed, allowed) ?? text)
        case .choices(let allowed):
            let items = trimmed.split(whereSeparator: { $0 == ";" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return try parse(field: name, text: items.map { Self.matchChoice($0, allowed) ?? $0 }.joined(separator: ","))
        case .date:
            // The message names the order in force, for a date written in the other one
            // (`12/31/2026` in a sheet read day first), and what a spreadsheet wrote instead of
            // a date (a time of day, a date number).
            let cell = SpreadsheetDate(trimmed)
            do { return try parse(field: name, text: dates.isoDate(cell.day) ?? cell.day) } catch  where !trimmed.isEmpty {
                let advice = cell.advice.map { ", \($0)" } ?? ""
                throw ValidationError(name, "must be a date YYYY-MM-DD or \(dates.pattern) (\(dates)), got \(Self.quoted(text))\(advice)")
            }
        case .money where Self.isRupees(trimmed):
            throw ValidationError(name, "is in US dollars, got \(Self.quoted(text)) in rupees: convert it to dollars")
        case .bool, .text, .digits, .money, .integer:
            return try parse(field: name, text: text)
        }
    }

    /// A cell of the reserved ``deletedField``, spelled as a boolean field's (``YesNo``);
    /// empty is `.null` (not given).
    private static func flag(_ name: String, _ text: String) throws(ValidationError) -> FieldValue {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return .null }
        guard let flag = YesNo.parse(text) else { throw ValidationError(name, "\(YesNo.expectation), got \(quoted(text))") }
        return .bool(flag)
    }

    /// The allowed value that `text` spells, ignoring case, spaces, `_` and `-`.
    static func matchChoice(_ text: String, _ allowed: [String]) -> String? {
        let wanted = nameKey(text)
        return allowed.first { nameKey($0) == wanted }
    }

    /// `value` as names are compared in a spreadsheet: lowercased, without spaces, `_` and `-`
    /// (`Closed Won`, `closed_won` and `closed-won` are one).
    static func nameKey(_ value: String) -> String {
        value.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
    }

    /// An amount without its `$`/`US$`/`USD` sign and digit grouping (`$2,500,000` and
    /// `$25,00,000` → `2500000`); `nil` when `text` has neither or is not such an amount.
    static func plainNumber(_ text: String) -> String? {
        var number = Substring(text)
        for sign in ["US$", "USD", "$"] where number.uppercased().hasPrefix(sign) {
            number = number.dropFirst(sign.count)
            break
        }
        number = Substring(number.trimmingCharacters(in: .whitespaces))
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? parts[1] : ""
        // No whole part before a fraction is 0 (`$.50`, half a dollar); neither is no amount.
        guard !parts[0].isEmpty || !fraction.isEmpty else { return nil }
        let groups = (parts[0].isEmpty ? "0" : parts[0]).split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1 || number.count != text.count,
            groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            isGroupedInThousands(groups) || isGroupedInLakhs(groups)
        else { return nil }
        return groups.joined() + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `1,234,567`: one to three digits, then groups of three.
    private static func isGroupedInThousands(_ groups: [Substring]) -> Bool {
        (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `12,34,567` (Indian grouping: lakhs, crores): one or two digits, groups of two, and the
    /// last three digits.
    private static func isGroupedInLakhs(_ groups: [Substring]) -> Bool {
        groups.count > 2 && (1...2).contains(groups[0].count) && groups.last!.count == 3
            && groups.dropFirst().dropLast().allSatisfy { $0.count == 2 }
    }

    /// Whether an amount is written in rupees: `₹` anywhere, or `Rs`/`INR` before it.
    static func isRupees(_ text: String) -> Bool {
        let upper = text.uppercased()
        return text.contains("₹")
            || ["INR", "RS"].contains { sign in
                upper.hasPrefix(sign) && upper.dropFirst(sign.count).first.map { !$0.isLetter } ?? false
            }
    }
}
