import Foundation
import LiaisonCore

/// Renders a document as CSV (RFC 4180, CRLF line endings, numbers rounded as shown:
/// money in whole dollars, percentages with one decimal; see ``ReportValue/csv``).
///
/// What the figures are of comes first, as a table of its own, `about` (columns item, value):
/// the report's title, period, filters and generation time, how many of its records are in
/// conflict and, when any are, that their figures are provisional, then the report's notes. It
/// is a table like the others, so a strict CSV reader takes every file, and a figure in a
/// spreadsheet keeps its caveat (docs/design.md §7). Key figures make a table of their own,
/// `key_figures` (columns label, value, kind, note). Each table's id is unique: a plugin's table
/// named like one before it (`about`, say) is given the next free id, `about-2`, in the files,
/// the stream and ``table(_:of:)`` alike. Each table gives a header row of column titles,
/// its rows, then its totals row if any. Texts that a spreadsheet would run as formulas are
/// marked with a leading `'` (``CSVFormulaGuard``).
///
/// ```swift
/// for file in CSVRenderer().files(doc) {
///     try file.csv.write(to: folder.appending(path: file.name), atomically: true, encoding: .utf8)
/// }
/// ```
public struct CSVRenderer: Sendable {
    /// The identifier of the table saying what the report is of (period, filters, conflicts).
    public static let aboutID = "about"
    /// The identifier of the key figures' table.
    public static let keyFiguresID = "key_figures"

    /// Creates the renderer.
    public init() {}

    /// One CSV per table, `about` and the key figures first; `name` is a file name such as `by_office.csv`,
    /// made of the table id's letters, digits, `-` and `_`, and unique within the document.
    public func files(_ document: ReportDocument) -> [(name: String, csv: String)] {
        let sections = sections(document)
        let names = CSVRenderer.unique(sections.map { CSVRenderer.fileBaseName($0.id) })
        return zip(names, sections).map { (name: $0 + ".csv", csv: $1.csv) }
    }

    /// All tables in one stream, for standard output: each section is a `# table-id` line,
    /// then the table, and sections are separated by an empty line.
    public func render(_ document: ReportDocument) -> String {
        sections(document)
            .map { "# \($0.id)\(CSVRenderer.lineEnding)\($0.csv)" }
            .joined(separator: CSVRenderer.lineEnding)
    }

    /// One table alone (or ``aboutID``, or the key figures, ``keyFiguresID``), or `nil` when the
    /// document has no table of that id.
    public func table(_ id: String, of document: ReportDocument) -> String? {
        sections(document).first { $0.id == id }?.csv
    }

    /// The ids of the tables ``table(_:of:)`` gives, in order.
    public func tableIDs(_ document: ReportDocument) -> [String] {
        tableTitles(document).map(\.id)
    }

    /// The ids and titles of the tables ``table(_:of:)`` gives, in order, for a list of downloads.
    public func tableTitles(_ document: ReportDocument) -> [(id: String, title: String)] {
        let named =
            [(id: CSVRenderer.aboutID, title: "About this report")]
            + (document.keyFigures.isEmpty ? [] : [(id: CSVRenderer.keyFiguresID, title: "Key figures")])
            + document.tables.map { (id: $0.id, title: $0.title) }
        return zip(CSVRenderer.unique(named.map(\.id)), named).map { (id: $0, title: $1.title) }
    }

    /// `ids` with each one met before given the next free suffix: `about`, `about` → `about`, `about-2`.
    static func unique(_ ids: [String]) -> [String] {
        var used: Set<String> = []
        return ids.map { id in
            var candidate = id
            var suffix = 2
            while !used.insert(candidate).inserted {
                candidate = "\(id)-\(suffix)"
                suffix += 1
            }
            return candidate
        }
    }

    /// What the report is of, one item a row: title, period, filters, generation time, records
    /// in conflict (always, a number), the provisional notice when any are, and the notes.
    func about(_ document: ReportDocument) -> [[String]] {
        var rows = [["report", document.title]]
        if let period = document.period?.displayText { rows.append(["period", period]) }
        rows += document.filters.map { [$0.name.lowercased(), $0.value] }
        rows.append(["generated", document.generatedAt])
        rows.append(["records in conflict", String(document.provisionalCount)])
        if let notice = document.provisionalNotice { rows.append(["provisional", notice]) }
        rows += document.notes.map { ["note", $0] }
        return [["item", "value"]] + rows.map { $0.map(CSVFormulaGuard.guarded) }
    }

    /// The `about` table, the key figures' table (when there are key figures) and each table,
    /// with their unique ids (``tableIDs(_:)``).
    func sections(_ document: ReportDocument) -> [(id: String, csv: String)] {
        var tables = [CSVRenderer.csv(about(document))]
        if !document.keyFigures.isEmpty {
            let rows = document.keyFigures.map {
                [CSVFormulaGuard.guarded($0.label), $0.value.csv, $0.value.kind, CSVFormulaGuard.guarded($0.note ?? "")]
            }
            tables.append(CSVRenderer.csv([["label", "value", "kind", "note"]] + rows))
        }
        for table in document.tables {
            let body = (table.rows + (table.totals.map { [$0] } ?? [])).map { table.fitted($0).map(\.csv) }
            tables.append(CSVRenderer.csv([table.columns.map { CSVFormulaGuard.guarded($0.title) }] + body))
        }
        return zip(tableIDs(document), tables).map { (id: $0, csv: $1) }
    }

    /// Records separate lines with CRLF, as RFC 4180 says.
    static let lineEnding = CSVText.lineEnding

    /// Records as CSV text, each line ended by CRLF.
    static func csv(_ records: [[String]]) -> String {
        records.map(CSVText.line).joined()
    }

    /// The letters, digits, `-` and `_` of an id (anything else becomes `_`), or `table` if none.
    public static func fileBaseName(_ id: String) -> String {
        let safe = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
        return safe.allSatisfy({ $0 == "_" }) ? "table" : safe
    }
}
