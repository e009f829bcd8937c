/// Renders a document as HTML: one self-contained page (inline CSS, inline SVG charts, no
/// scripts or external resources) that reads well on a phone and prints cleanly.
///
/// The output is well-formed XML as well as HTML, so it can be checked with an XML parser.
///
/// ```swift
/// let page = HTMLRenderer().render(doc)              // a complete document
/// let part = HTMLRenderer().renderFragment(doc)      // an <article> to embed in a page
/// ```
public struct HTMLRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// A complete HTML document, from `<!DOCTYPE html>` to `</html>`.
    public func render(_ document: ReportDocument) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(XMLText.escape(document.title))</title>
        <style>\(HTMLStyle.css)</style>
        </head>
        <body>
        \(article(document, style: ""))
        </body>
        </html>

        """
    }

    /// The report alone, as an `<article class="liaison-report">` element carrying its own
    /// `<style>`, whose rules apply only inside the article: for embedding in another page.
    public func renderFragment(_ document: ReportDocument) -> String {
        article(document, style: "<style>\(HTMLStyle.css)</style>\n")
    }

    private func article(_ document: ReportDocument, style: String) -> String {
        let sections = HTMLSections(document: document)
        let (tables, alone) = document.tablesWithCharts
        let body = tables.flatMap { [sections.table($0.table)] + $0.charts.map(sections.chart) } + alone.map(sections.chart)
        return "<article class=\"liaison-report\">\n" + style
            + ([sections.header] + [sections.keyFigures] + body + [sections.notes])
            .compactMap { $0 }
            .joined(separator: "\n")
            + "\n</article>"
    }
}
