import Foundation

/// The order an import reads its slash dates in, and how it was decided: stated for the import
/// (`--dates`), found in the file (a date that only one order reads, such as `13/03/2026`), or
/// the default, day first, when neither says.
///
/// ```swift
/// let plan = ImportPlan(table: table, schema: schema)
/// print(plan.dates)   // slash dates are read month first (MM/DD/YYYY), as row 4's opened_on "03/13/2026" shows
/// ```
public struct ImportDates: Hashable, Sendable, CustomStringConvertible {
    /// How the order was decided.
    public enum Source: String, Hashable, Sendable {
        /// Given for this import.
        case stated
        /// Found in the file: see ``ImportDates/evidence``.
        case detected
        /// Neither: no date of the file tells the order, or its dates tell both (a problem).
        case `default`
    }

    /// A date cell that only one order reads.
    public struct Evidence: Hashable, Sendable {
        /// The cell's row (``CSVTable/Row/row``).
        public let row: Int
        /// The date field of its column.
        public let field: String
        /// The cell, as written.
        public let text: String
    }

    /// The order in force.
    public let order: DateOrder
    /// How it was decided.
    public let source: Source
    /// The cell that told the order, when ``source`` is ``Source/detected``.
    public let evidence: Evidence?

    public var description: String {
        let read = "slash dates are read \(order) (\(order.pattern))"
        switch source {
        case .stated: return "\(read), as stated"
        case .default: return "\(read), the default when the file's dates do not tell one order"
        case .detected:
            guard let evidence else { return read }
            return "\(read), as row \(evidence.row)'s \(evidence.field) \(Schema.quoted(evidence.text)) shows"
        }
    }
}

extension ImportPlan {
    /// The order to read the slash dates of `table` in (its columns holding `fields`): `stated`
    /// when given, else the one that the file's date cells tell (the first cell only that order
    /// reads), else day first. When the file has cells that only day first reads and cells that
    /// only month first reads, and no order is stated, the order is the default and the problem
    /// names a cell of each.
    static func dates(_ table: CSVTable, fields: [String?], schema: Schema, stated: DateOrder?) -> (ImportDates, ImportProblem?) {
        if let stated { return (ImportDates(order: stated, source: .stated, evidence: nil), nil) }
        let columns = fields.indices.filter { index in
            guard let field = fields[index], case .date? = schema.field(field)?.kind else { return false }
            return true
        }
        var found: [DateOrder: ImportDates.Evidence] = [:]
        for row in table.rows {
            for index in columns where index < row.values.count {
                let text = row.values[index].trimmingCharacters(in: .whitespaces)
                guard let order = SlashDate(SpreadsheetDate(text).day)?.order, found[order] == nil else { continue }
                found[order] = ImportDates.Evidence(row: row.row, field: fields[index]!, text: text)
            }
            if found.count == DateOrder.allCases.count { break }
        }
        if let day = found[.dayFirst], let month = found[.monthFirst] {
            let message =
                "the file's slash dates are in both orders: day first on row \(day.row) (\(day.field) \(Schema.quoted(day.text))) and "
                + "month first on row \(month.row) (\(month.field) \(Schema.quoted(month.text))); write them all in one order, or as YYYY-MM-DD; "
                + "until then they are read day first"
            return (
                ImportDates(order: .dayFirst, source: .default, evidence: nil), ImportProblem(row: CSVTable.headerRow, field: nil, message: message)
            )
        }
        guard let detected = found.first else { return (ImportDates(order: .dayFirst, source: .default, evidence: nil), nil) }
        return (ImportDates(order: detected.key, source: .detected, evidence: detected.value), nil)
    }
}
