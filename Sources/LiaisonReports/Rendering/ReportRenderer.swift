/// The entry point that turns a ``ReportDocument`` into text in one of the ``ReportFormat``s.
///
/// ```swift
/// let markdown = ReportRenderer.render(doc, as: .md)
/// ```
public enum ReportRenderer {
    /// Renders a document: Markdown, a complete HTML document, CSV sections, or JSON.
    public static func render(_ document: ReportDocument, as format: ReportFormat) -> String {
        switch format {
        case .md: MarkdownRenderer().render(document)
        case .html: HTMLRenderer().render(document)
        case .csv: CSVRenderer().render(document)
        case .json: JSONRenderer().render(document)
        }
    }
}
