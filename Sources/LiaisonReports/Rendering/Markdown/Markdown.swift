/// Markdown text helpers: escaping and GFM tables.
enum Markdown {
    /// Text safe inside a paragraph, heading or table cell: Markdown punctuation and `<` are
    /// escaped, line breaks become spaces.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]": result += "\\\(character)"
            case "<": result += "&lt;"
            case _ where character.isNewline: result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A GFM table; every row gets exactly as many cells as the header.
    ///
    /// Cells are escaped, except in rows from index `escapedFromRow` on (already escaped, such
    /// as a bold totals row).
    static func table(
        header: [String],
        rightAligned: [Bool],
        rows: [[String]],
        escapedFromRow: Int = .max
    ) -> String {
        let width = header.count
        func line(_ cells: [String]) -> String {
            let fitted = cells.prefix(width) + Array(repeating: "", count: max(0, width - cells.count))
            return "| " + fitted.joined(separator: " | ") + " |"
        }
        let separator =
            rightAligned.prefix(width).map { $0 ? "---:" : "---" }
            + Array(repeating: "---", count: max(0, width - rightAligned.count))
        let body = rows.enumerated().map { index, row in
            line(index >= escapedFromRow ? row : row.map(inline))
        }
        return ([line(header.map(inline)), line(separator)] + body).joined(separator: "\n")
    }
}
