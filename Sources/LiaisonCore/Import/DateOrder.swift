/// The order of day and month in a spreadsheet's slash dates (`04/03/2026`, also written with
/// `.` or `-`): day first, as Excel writes them in India, or month first, as Excel does in a US
/// locale. ISO dates (`2026-03-04`) have one order and need neither.
///
/// ```swift
/// DateOrder.monthFirst.isoDate("3/4/2026")   // "2026-03-04"
/// DateOrder.dayFirst.isoDate("3/4/2026")     // "2026-04-03"
/// DateOrder(rawValue: "month-first")         // .monthFirst, as `--dates` names it
/// ```
public enum DateOrder: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// `dd/mm/yyyy`.
    case dayFirst = "day-first"
    /// `mm/dd/yyyy`.
    case monthFirst = "month-first"

    /// `day first` or `month first`.
    public var description: String { self == .dayFirst ? "day first" : "month first" }

    /// How a date of this order is written, for messages: `DD/MM/YYYY` or `MM/DD/YYYY`.
    public var pattern: String { self == .dayFirst ? "DD/MM/YYYY" : "MM/DD/YYYY" }

    /// A slash date read in this order as `yyyy-mm-dd` (not checked to be a real date); `nil`
    /// when `text` is not a slash date (``SlashDate``).
    public func isoDate(_ text: String) -> String? {
        guard let date = SlashDate(text) else { return nil }
        let (day, month) = self == .dayFirst ? (date.first, date.second) : (date.second, date.first)
        func two(_ part: Substring) -> String { part.count == 1 ? "0" + part : String(part) }
        return "\(date.year)-\(two(month))-\(two(day))"
    }
}

/// A date as `1/2/2026` or `01/02/2026` (also with `.` or `-`): two numbers of one or two digits
/// and a four-digit year, in an order the text alone may not tell.
public struct SlashDate: Hashable, Sendable {
    /// The first number, as written.
    public let first: Substring
    /// The second number, as written.
    public let second: Substring
    /// The year.
    public let year: Substring

    /// The date `text` writes, or `nil` when it is not of that form.
    public init?(_ text: String) {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        first = parts[0]
        second = parts[1]
        year = parts[2]
    }

    /// The order this date must be in: day first when its first number is a day past 12 (and its
    /// second could be a month), month first when its second is; `nil` when either order reads
    /// it (`03/04/2026`) or neither does (`13/13/2026`).
    public var order: DateOrder? {
        let (first, second) = (Int(self.first)!, Int(self.second)!)
        if (13...31).contains(first), (1...12).contains(second) { return .dayFirst }
        if (13...31).contains(second), (1...12).contains(first) { return .monthFirst }
        return nil
    }
}
