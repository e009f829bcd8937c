import Foundation

/// One problem of an import: the spreadsheet row, the column's field, what is wrong
/// (`row 14, value_usd: must be a number ≥ 0, got "TBD"`).
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The row, as a spreadsheet numbers it (``CSVTable/Row/row``; the header's row for a
    /// problem with a column).
    public let row: Int
    /// The field or column concerned, if one is.
    public let field: String?
    /// What is wrong.
    public let message: String

    /// A problem on `row`.
    public init(row: Int, field: String?, message: String) {
        self.row = row
        self.field = field
        self.message = message
    }

    public var description: String {
        "row \(row), " + (field.map { "\($0): " } ?? "") + message
    }
}

/// A spreadsheet read against the schema: each good row's values by field, and every problem
/// found. Rows with an `id` update that record (or create it with that id, when no record has it);
/// a `version` beside the id (as ``RecordCSV`` exports it) names the version the row was read at.
public struct ImportPlan: Hashable, Sendable {
    /// A row that parsed: its row number, its `id` if given, and its values (`.null` for an empty cell).
    public struct Row: Hashable, Sendable {
        /// The row's number (``CSVTable/Row/row``).
        public let row: Int
        /// The record to update, when the file has an `id` column and the cell is not empty: the
        /// id as the cell gives it (the store reads it as a command's ID, docs/design.md §3).
        public let id: String?
        /// The version of the record the row was exported at, when the file has a `version`
        /// column and the cell is not empty: the row's cells are what the record showed then.
        public let version: VersionVector?
        /// The value of each mapped column's field; `.null` clears.
        public let values: [String: FieldValue]
    }

    /// The fields the columns map to, in column order (`nil` for a skipped column).
    public let fields: [String?]
    /// The order the slash dates were read in, and how it was decided.
    public let dates: ImportDates
    /// The rows that parsed.
    public let rows: [Row]
    /// Every problem found, in row order.
    public let problems: [ImportProblem]
    /// How the column map's entries are written where the import was asked for: problems found
    /// later (a row's id that cannot be a new record's) advise an entry in the same words.
    public let mapWording: MapWording

    /// The name of the column that holds record ids.
    public static let idColumn = "id"
    /// The name of the column that holds the version a row was exported at (``VersionToken``).
    public static let versionColumn = "version"

    /// Required fields a new record may leave out (no column, or an empty cell): the store
    /// gives them their defaults (this node's office, status `identified`).
    static let defaultedFields: Set<String> = ["office", "status"]

    /// Reads `table` against `schema`. A column maps to the field it names (ignoring case,
    /// spaces, `_` and `-`), or as `map` says (`["Deal name": "title"]`, its columns and fields
    /// matched the same way; an empty field skips the column; a column the file does not have or
    /// a field the schema does not have is a problem). Every cell is read through ``CSVFormulaGuard/unguarded(_:)`` (so the `'` an
    /// export put before `=x` comes off), then parsed with ``Schema/parseCell(field:text:dates:)``,
    /// slash dates in the order `dates` states, or else the one the file's dates tell (``ImportDates``).
    /// A problem that names or advises a map entry writes it as `wording` does (the CLI's
    /// `--map "…"` unless told).
    public init(
        table: CSVTable,
        schema: Schema,
        map: [String: String] = [:],
        dates stated: DateOrder? = nil,
        wording: MapWording = .commandLine
    ) {
        var problems: [ImportProblem] = []
        let header = CSVTable.headerRow
        let known = [Self.idColumn] + schema.fields.map(\.name) + [deletedField, Self.versionColumn]
        let (fields, columnProblems) = Self.columnFields(table, known: known, map: map, wording: wording)
        mapWording = wording
        problems += columnProblems
        if !fields.contains(Self.idColumn) {
            for field in schema.fields where field.required && !Self.defaultedFields.contains(field.name) {
                if !fields.contains(field.name) {
                    problems.append(ImportProblem(row: header, field: field.name, message: "no column holds this required field"))
                }
            }
        }
        self.fields = fields
        let (dates, datesProblem) = Self.dates(table, fields: fields, schema: schema, stated: stated)
        self.dates = dates
        if let datesProblem { problems.append(datesProblem) }
        let idIndex = fields.firstIndex(of: Self.idColumn)
        let versionIndex = fields.firstIndex(of: Self.versionColumn)
        var rows: [Row] = []
        var seenIDs: [String: Int] = [:]
        var pastLastRow = false
        for row in table.rows {
            var rowProblems: [ImportProblem] = []
            // A short row (a file cut off) would clear the fields of its missing cells.
            if row.values.count < fields.count || row.values[fields.count...].contains(where: { !$0.isEmpty }) {
                rowProblems.append(
                    ImportProblem(
                        row: row.row,
                        field: nil,
                        message: "\(row.values.count) values, but the header has \(fields.count) columns"
                    )
                )
            }
            // A cell an export guarded against formulas (`'=x`) reads as the value it was (`=x`).
            func text(at index: Int) -> String { index < row.values.count ? CSVFormulaGuard.unguarded(row.values[index]) : "" }
            var id: String?
            if let index = idIndex,
                case let given = text(at: index).trimmingCharacters(in: .whitespaces), !given.isEmpty
            {
                if !RecordID.isValid(given) {
                    rowProblems.append(ImportProblem(row: row.row, field: Self.idColumn, message: "not a record id: \(Schema.quoted(given))"))
                } else if let earlier = seenIDs[given] {
                    rowProblems.append(ImportProblem(row: row.row, field: Self.idColumn, message: "record \(given) is also on row \(earlier)"))
                } else {
                    seenIDs[given] = row.row
                    id = given
                }
            }
            // A new record's id holds its row: past the last one, every row would be one record,
            // each saved over the one before. Said once, at the first such row.
            if id == nil, row.row > RecordID.lastImportedRow, !rowProblems.contains(where: { $0.field == Self.idColumn }) {
                if !pastLastRow {
                    rowProblems.append(
                        ImportProblem(
                            row: row.row,
                            field: nil,
                            message: "new records come only from the first 2,097,151 rows of a file: split it into smaller files"
                        )
                    )
                }
                pastLastRow = true
                problems += rowProblems
                continue
            }
            var version: VersionVector?
            if let index = versionIndex,
                case let given = text(at: index).trimmingCharacters(in: .whitespaces), !given.isEmpty
            {
                do {
                    version = try VersionToken(decoding: given).context
                    if id == nil, !rowProblems.contains(where: { $0.field == Self.idColumn }) {
                        rowProblems.append(
                            ImportProblem(row: row.row, field: Self.versionColumn, message: "a version needs the record's id beside it")
                        )
                    }
                } catch {
                    rowProblems.append(ImportProblem(row: row.row, field: Self.versionColumn, message: error.description))
                }
            }
            var values: [String: FieldValue] = [:]
            for (index, field) in fields.enumerated() {
                guard let field, field != Self.idColumn, field != Self.versionColumn else { continue }
                do {
                    let value = try schema.parseCell(field: field, text: text(at: index), dates: dates.order)
                    // An empty `deleted` cell (a live record's, in an export) says nothing.
                    if field != deletedField || !value.isNull { values[field] = value }
                } catch {
                    // An empty required cell leaves a record that has an id as it is (the store
                    // still refuses it when that record does not exist yet), and a new record's
                    // office or status at its default, as a missing column does.
                    let leftUnset = id != nil || Self.defaultedFields.contains(field)
                    if !leftUnset || !error.issues.allSatisfy({ $0.message == "is required" }) {
                        rowProblems += error.issues.map { ImportProblem(row: row.row, field: $0.field, message: $0.message) }
                    }
                }
            }
            if rowProblems.isEmpty { rows.append(Row(row: row.row, id: id, version: version, values: values)) }
            problems += rowProblems
        }
        self.rows = rows
        self.problems = problems
    }
}
