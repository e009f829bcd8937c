/// Records as CSV: `id`, then every field of the schema (core fields, then track fields), then
/// `deleted` (`true` for a deleted record, else empty) and `version`, each value as a person would type it (`2500000`, `critical_minerals,sccp`,
/// `2026-03-01`), so that the file imports back unchanged. A field in conflict gives the value
/// every node shows. The `version` cell is the record's ``VersionToken``: import writes a row
/// against that version, so the cells a person changed in the file become conflicts with writes
/// made since the export, and the cells they left as exported are not written (``ImportPlan``).
/// Numbers are written in plain decimal notation (``PlainDecimal``: `0.000001`, never `1e-06`);
/// every other cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`) is guarded
/// with a leading `'` (``CSVFormulaGuard``), which ``ImportPlan`` takes off again.
///
/// ```swift
/// var csv = RecordCSV(schema: schema).header
/// csv += RecordCSV(schema: schema).line(id: state.id, values: state.displayValues, deleted: false, version: state.version)
/// ```
public struct RecordCSV: Sendable {
    /// The columns: `id`, every field name, `deleted`, `version`.
    public let columns: [String]

    /// The columns for `schema`.
    public init(schema: Schema) {
        columns = [ImportPlan.idColumn] + schema.fields.map(\.name) + [deletedField, ImportPlan.versionColumn]
    }

    /// The header line.
    public var header: String { CSVText.line(columns) }

    /// The line of one record, from its display values, whether it shows as deleted, and its version.
    public func line(id: String, values: [String: FieldValue], deleted: Bool, version: VersionToken) -> String {
        CSVText.line(
            [CSVFormulaGuard.guarded(id)] + columns.dropFirst().dropLast(2).map { Self.cell(values[$0]) }
                + [deleted ? "true" : "", CSVFormulaGuard.guarded(version.description)]
        )
    }

    /// One value's cell: a number as it is (`-5` is a number to a spreadsheet, not a formula),
    /// any other value guarded.
    static func cell(_ value: FieldValue?) -> String {
        guard let value else { return "" }
        if case .number = value { return value.displayText }
        return CSVFormulaGuard.guarded(value.displayText)
    }
}
