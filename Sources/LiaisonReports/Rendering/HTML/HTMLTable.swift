/// A ``ReportTable`` as an HTML table: a caption, column headers, row headers in the first
/// column, numbers aligned right, and the totals row in a `<tfoot>`. A table of
/// ``manyColumns`` or more is set smaller (`class="many"`), so that it fits instead of clipping.
struct HTMLTable {
    let table: ReportTable

    /// From this many columns on, a table is set smaller.
    static let manyColumns = 7

    var markup: String {
        let numeric = table.columns.indices.map(table.isNumericColumn)
        let head = table.columns.enumerated().map { index, column in
            "<th scope=\"col\"\(HTMLTable.numClass(numeric[index]))>\(XMLText.escape(column.title))</th>"
        }
        let body = table.rows.map { row($0, numeric: numeric) }
        var lines = [
            "<div class=\"table-wrap\">", table.columns.count >= Self.manyColumns ? "<table class=\"many\">" : "<table>",
            "<caption>\(XMLText.escape(table.title))</caption>",
            "<thead><tr>\(head.joined())</tr></thead>",
            "<tbody>", body.joined(separator: "\n"), "</tbody>",
        ]
        if let totals = table.totals {
            lines.append("<tfoot>\(row(totals, numeric: numeric))</tfoot>")
        }
        lines += ["</table>", "</div>"]
        return lines.joined(separator: "\n")
    }

    private func row(_ values: [ReportValue], numeric: [Bool]) -> String {
        HTMLTable.row(table.fitted(values).map(\.formatted), numeric: numeric)
    }

    /// A table of already formatted text, columns from `numericFrom` on aligned right.
    static func markup(caption: String, header: [String], rows: [[String]], numericFrom: Int) -> String {
        let numeric = header.indices.map { $0 >= numericFrom }
        let head = header.enumerated().map { index, title in
            "<th scope=\"col\"\(numClass(numeric[index]))>\(XMLText.escape(title))</th>"
        }
        return "<div class=\"table-wrap\">\n<table>\n<caption>\(XMLText.escape(caption))</caption>\n"
            + "<thead><tr>\(head.joined())</tr></thead>\n<tbody>\n"
            + rows.map { row($0, numeric: numeric) }.joined(separator: "\n")
            + "\n</tbody>\n</table>\n</div>"
    }

    /// A row whose first cell is its header.
    private static func row(_ cells: [String], numeric: [Bool]) -> String {
        let markup = cells.enumerated().map { index, text in
            let tag = index == 0 ? "th" : "td"
            let scope = index == 0 ? " scope=\"row\"" : ""
            let isNumeric = numeric.indices.contains(index) && numeric[index]
            return "<\(tag)\(scope)\(numClass(isNumeric))>\(XMLText.escape(text))</\(tag)>"
        }
        return "<tr>\(markup.joined())</tr>"
    }

    private static func numClass(_ numeric: Bool) -> String {
        numeric ? " class=\"num\"" : ""
    }
}
