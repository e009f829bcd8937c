import Foundation
import LiaisonReports
import Testing

@Suite("Markdown")
struct MarkdownRendererTests {
    /// The GFM tables of a Markdown text: runs of lines starting with `|`, split into cells
    /// on pipes that are not escaped.
    static func tables(_ markdown: String) -> [[[String]]] {
        var tables: [[[String]]] = []
        var current: [[String]] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                current.append(cells(String(line)))
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        return tables
    }

    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                cell.append(character)
                escaped = false
            } else if character == "\\" {
                cell.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return cells
    }

    @Test(
        "every row of every table has as many cells as its header",
        arguments: [Fixtures.full, Fixtures.degenerate]
    )
    func columnCounts(document: ReportDocument) {
        let tables = Self.tables(MarkdownRenderer().render(document))
        #expect(!tables.isEmpty)
        for table in tables {
            #expect(table.count >= 2)
            #expect(table.allSatisfy { $0.count == table[0].count })
            #expect(table[1].allSatisfy { $0 == "---" || $0 == "---:" })
        }
    }

    @Test func theReportReadsInOrder() throws {
        let markdown = ReportRenderer.render(Fixtures.full, as: .md)
        #expect(markdown.hasPrefix("# SCCP &lt;script>alert(\"x\")&lt;/script> & partners\n"))
        #expect(markdown.contains("*Period: 2024-01-01 to 2024-12-31 · Office: Mumbai · Generated 2024-05-01T09:30:00Z*"))
        #expect(markdown.contains("> **Provisional:** 3 records have open conflicts"))
        #expect(markdown.contains("## Partnerships \\| by office"))
        #expect(markdown.contains("| **Total** | **19** | **$5.4M** |  |"))
        #expect(markdown.contains("| Mumbai, \"HQ\" | 12 | $4.5M | 60% |"))
        #expect(markdown.contains("| Chennai South |"))
        #expect(markdown.contains("| Office | Partnerships | Signed value | Share |\n| --- | ---: | ---: | ---: |"))
        #expect(markdown.contains("## Notes\n\n- Figures &lt;em>exclude&lt;/em> withdrawn records & drafts."))
    }

    @Test func chartsBecomeTablesOfTheirData() {
        let markdown = MarkdownRenderer().render(Fixtures.full)
        #expect(markdown.contains("| Category | By office |"))
        #expect(markdown.contains("| 2024 | $2.5M | $0 | $2.5M |"))
        #expect(markdown.contains("| Meetings | 18 | 45% |"))
        #expect(markdown.contains("| Signed | 6 | 33.3% |"))
    }

    @Test func emptyChartsSayNoData() {
        let markdown = MarkdownRenderer().render(Fixtures.degenerate)
        #expect(markdown.contains("## No categories\n\n*No data.*"))
        #expect(markdown.contains("| Leads | 0 |  |"))
    }
}
