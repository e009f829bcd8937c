import LiaisonCore

/// One value in a report: a table cell, a key figure or a total.
///
/// The kind decides how the value is shown to people (`$12.5M`, `1,234`, `42%`);
/// JSON carries the raw number (`12500000`, `1234`, `0.42`), CSV the number rounded as shown
/// (``csv``: `12500000`, `1234`, `42.0`).
public enum ReportValue: Sendable, Equatable {
    /// A number of things, such as records or partnerships.
    case count(Int)
    /// An amount of money in US dollars.
    case money(Double)
    /// A share as a fraction: `0.42` is shown as `42%`.
    case percent(Double)
    /// Any other number.
    case number(Double)
    /// Text, such as a name in the first column.
    case text(String)
    /// No value.
    case empty

    /// The raw number, or `nil` for text and empty values: what totals are computed from.
    public var numericValue: Double? {
        switch self {
        case .count(let n): Double(n)
        case .money(let x), .percent(let x), .number(let x): x
        case .text, .empty: nil
        }
    }

    /// The value for people, such as `$12.5M`, `1,234` or `42.5%`; empty values give `""`.
    public var formatted: String {
        switch self {
        case .count(let n): ReportFormatting.count(n)
        case .money(let x): ReportFormatting.money(x)
        case .percent(let x): ReportFormatting.percent(x)
        case .number(let x): ReportFormatting.number(x)
        case .text(let s): s
        case .empty: ""
        }
    }

    /// The value for machines (CSV): raw numbers without units or separators, such as `12500000`.
    public var raw: String {
        switch self {
        case .count(let n): String(n)
        case .money(let x), .percent(let x), .number(let x): ReportFormatting.raw(x)
        case .text(let s): s
        case .empty: ""
        }
    }

    /// The value for spreadsheets (CSV): a number without units or separators, rounded as
    /// people see it: money to whole dollars (`12500000`), a share as a percentage with one
    /// decimal (`70.0` for `0.70034`), other numbers to two decimals. A text that a spreadsheet
    /// would run as a formula (`=HYPERLINK(…)` in a record's field) gets a leading `'`
    /// (``CSVFormulaGuard``).
    public var csv: String {
        switch self {
        case .text(let s): CSVFormulaGuard.guarded(s)
        case .money(let x) where x.isFinite: ReportFormatting.raw(x.rounded())
        case .percent(let x) where x.isFinite: ReportFormatting.fixed(x * 100, fractionDigits: 1)
        case .number(let x) where x.isFinite: ReportFormatting.raw((x * 100).rounded() / 100)
        default: raw
        }
    }

    /// The name of the kind, as written in JSON and CSV: `count`, `money`, `percent`, `number`,
    /// `text` or `empty`.
    public var kind: String {
        switch self {
        case .count: "count"
        case .money: "money"
        case .percent: "percent"
        case .number: "number"
        case .text: "text"
        case .empty: "empty"
        }
    }
}

extension ReportValue: ExpressibleByStringLiteral {
    /// A string literal is a text value: `"Mumbai"` is `.text("Mumbai")`.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension ReportValue: ExpressibleByIntegerLiteral {
    /// An integer literal is a count: `12` is `.count(12)`.
    public init(integerLiteral value: Int) {
        self = .count(value)
    }
}
