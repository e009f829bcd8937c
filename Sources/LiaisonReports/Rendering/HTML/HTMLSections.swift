/// The parts of a report's HTML, each a string of well-formed markup.
struct HTMLSections {
    let document: ReportDocument

    /// Title, subtitle, period and filters, and the provisional notice.
    var header: String {
        var lines = ["<header>", "<h1>\(XMLText.escape(document.title))</h1>"]
        if let subtitle = document.subtitle {
            lines.append("<p class=\"subtitle\">\(XMLText.escape(subtitle))</p>")
        }
        lines.append("<p class=\"context\">\(XMLText.escape(document.contextLine))</p>")
        if let notice = document.provisionalNotice {
            let text = XMLText.escape(notice)
            lines.append("<p class=\"provisional\" role=\"note\"><strong>Provisional:</strong> \(text)</p>")
        }
        lines.append("</header>")
        return lines.joined(separator: "\n")
    }

    /// The key figures as a grid of cards, or `nil` when there are none.
    var keyFigures: String? {
        guard !document.keyFigures.isEmpty else { return nil }
        let cards = document.keyFigures.map { figure in
            let note = figure.note.map { "<span class=\"note\">\(XMLText.escape($0))</span>" } ?? ""
            return "<div class=\"figure\"><dt>\(XMLText.escape(figure.label))</dt>"
                + "<dd>\(XMLText.escape(figure.value.formatted))\(note)</dd></div>"
        }
        return "<section aria-label=\"Key figures\">\n<dl class=\"figures\">\n"
            + cards.joined(separator: "\n") + "\n</dl>\n</section>"
    }

    /// A table's section.
    func table(_ table: ReportTable) -> String {
        "<section>\n<h2>\(XMLText.escape(table.title))</h2>\n\(HTMLTable(table: table).markup)\n</section>"
    }

    /// A chart's section: the SVG drawing, its caption, and its data in a collapsed table.
    func chart(_ chart: ReportChart) -> String {
        var lines = ["<section class=\"chart\">", "<h2>\(XMLText.escape(chart.title))</h2>", "<figure>", ChartSVG.markup(chart)]
        if let caption = chart.caption {
            lines.append("<figcaption>\(XMLText.escape(caption))</figcaption>")
        }
        let data = ChartDataTable(chart)
        if !data.rows.isEmpty {
            lines.append("<details><summary>Chart data</summary>")
            let table = HTMLTable.markup(caption: chart.title, header: data.header, rows: data.rows, numericFrom: 1)
            lines.append(table)
            lines.append("</details>")
        }
        lines += ["</figure>", "</section>"]
        return lines.joined(separator: "\n")
    }

    /// The notes as a list, or `nil` when there are none.
    var notes: String? {
        guard !document.notes.isEmpty else { return nil }
        let items = document.notes.map { "<li>\(XMLText.escape($0))</li>" }
        return "<section>\n<h2>Notes</h2>\n<ul>\n" + items.joined(separator: "\n") + "\n</ul>\n</section>"
    }
}
