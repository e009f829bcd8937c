/// Renders a document as Markdown: headings, GitHub-flavoured tables (totals in bold),
/// charts as tables of their data, and notes. A chart drawn under its table is a `###`
/// part of the table's section, headed *Chart data* when its title is the table's (the
/// overview's *Status funnel*), so that no section title is said twice.
public struct MarkdownRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The document as Markdown text, ending with a newline.
    public func render(_ document: ReportDocument) -> String {
        var blocks = ["# \(Markdown.inline(document.title))"]
        if let subtitle = document.subtitle {
            blocks.append(Markdown.inline(subtitle))
        }
        blocks.append("*\(Markdown.inline(document.contextLine))*")
        if let notice = document.provisionalNotice {
            blocks.append("> **Provisional:** \(Markdown.inline(notice))")
        }
        if !document.keyFigures.isEmpty {
            blocks.append("## Key figures")
            blocks.append(keyFigures(document.keyFigures))
        }
        let (tables, alone) = document.tablesWithCharts
        for (table, charts) in tables {
            blocks.append("## \(Markdown.inline(table.title))")
            blocks.append(self.table(table))
            for chart in charts {
                blocks += self.chart(chart, heading: "### " + (chart.title == table.title ? "Chart data" : Markdown.inline(chart.title)))
            }
        }
        for chart in alone {
            blocks += self.chart(chart, heading: "## \(Markdown.inline(chart.title))")
        }
        if !document.notes.isEmpty {
            blocks.append("## Notes")
            blocks.append(document.notes.map { "- \(Markdown.inline($0))" }.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func keyFigures(_ figures: [KeyFigure]) -> String {
        Markdown.table(
            header: ["Figure", "Value", "Note"],
            rightAligned: [false, true, false],
            rows: figures.map { [$0.label, $0.value.formatted, $0.note ?? ""] }
        )
    }

    private func table(_ table: ReportTable) -> String {
        guard !table.columns.isEmpty else { return "*No columns.*" }
        var rows = table.rows.map { table.fitted($0).map(\.formatted) }
        if let totals = table.totals {
            rows.append(table.fitted(totals).map { $0.formatted.isEmpty ? "" : "**\(Markdown.inline($0.formatted))**" })
        }
        return Markdown.table(
            header: table.columns.map(\.title),
            rightAligned: table.columns.indices.map(table.isNumericColumn),
            rows: rows,
            escapedFromRow: table.rows.count
        )
    }

    private func chart(_ chart: ReportChart, heading: String) -> [String] {
        var blocks = [heading]
        if let caption = chart.caption {
            blocks.append("*\(Markdown.inline(caption))*")
        }
        let data = ChartDataTable(chart)
        blocks.append(
            data.rows.isEmpty
                ? "*No data.*"
                : Markdown.table(
                    header: data.header,
                    rightAligned: data.header.indices.map { $0 > 0 },
                    rows: data.rows
                )
        )
        return blocks
    }
}
