/// A table of a report: titled columns, rows of values and an optional totals row.
///
/// ```swift
/// let table = ReportTable(
///     id: "by_office",
///     title: "Partnerships by office",
///     columns: ["Office", "Partnerships", "Signed value"],
///     rows: [
///         ["Mumbai", 12, .money(4_500_000)],
///         ["Chennai", 7, .money(850_000)],
///     ]
/// ).withTotals()
/// ```
public struct ReportTable: Codable, Sendable, Equatable {
    /// A stable identifier, also the name of the table's CSV file (`by_office.csv`).
    public var id: String
    /// The caption of the table.
    public var title: String
    /// The columns, in order.
    public var columns: [ReportColumn]
    /// The rows; each should have one value per column (renderers pad short rows with empty values).
    public var rows: [[ReportValue]]
    /// The totals row, shown last and set apart, if any.
    public var totals: [ReportValue]?

    /// Creates a table.
    public init(
        id: String,
        title: String,
        columns: [ReportColumn],
        rows: [[ReportValue]] = [],
        totals: [ReportValue]? = nil
    ) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }

    /// A row cut or padded with empty values to exactly one value per column.
    public func fitted(_ row: [ReportValue]) -> [ReportValue] {
        let kept = row.prefix(columns.count)
        return Array(kept) + Array(repeating: .empty, count: columns.count - kept.count)
    }

    /// Whether every non-empty value of a column is a number (renderers align such columns right).
    public func isNumericColumn(_ index: Int) -> Bool {
        let values = (rows + [totals ?? []]).compactMap { $0.indices.contains(index) ? $0[index] : nil }
        let present = values.filter { $0 != .empty }
        return !present.isEmpty && present.allSatisfy { $0.numericValue != nil }
    }
}

/// A column of a ``ReportTable``.
public struct ReportColumn: Codable, Sendable, Equatable {
    /// A stable identifier for machines, such as `signed_value`.
    public var id: String
    /// The header shown to people, such as `Signed value`.
    public var title: String

    /// Creates a column with an explicit identifier.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    /// Creates a column whose identifier is derived from its title: `Signed value (USD)` gives `signed_value_usd`.
    public init(_ title: String) {
        self.init(id: ReportColumn.identifier(from: title), title: title)
    }

    /// Lowercase letters and digits of a title, runs of anything else replaced by one `_`.
    static func identifier(from title: String) -> String {
        let words = title.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.joined(separator: "_")
    }
}

extension ReportColumn: ExpressibleByStringLiteral {
    /// A string literal is a column titled by it: `"Signed value"`.
    public init(stringLiteral title: String) {
        self.init(title)
    }
}
