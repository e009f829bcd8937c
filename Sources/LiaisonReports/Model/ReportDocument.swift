public import Foundation

/// A report as data: what a plugin builds from a snapshot of records and the core renders.
///
/// A plugin never writes HTML or CSV: it fills a document and hands it back.
///
/// ```swift
/// let doc = ReportDocument(
///     id: "sccp-summary",
///     title: "SCCP activity",
///     period: ReportPeriod(from: "2024-01-01", to: "2024-12-31"),
///     filters: [ReportFilter("Office", "Mumbai")],
///     keyFigures: [KeyFigure("Partnerships", .count(42))],
///     tables: [table],
///     charts: [.funnel(id: "pipeline", title: "Pipeline", stages: [("Leads", 40), ("Signed", 12)])]
/// )
/// let html = ReportRenderer.render(doc, as: .html)
/// ```
public struct ReportDocument: Codable, Sendable, Equatable {
    /// A stable identifier, such as `sccp-summary`.
    public var id: String
    /// The heading of the report.
    public var title: String
    /// A sentence under the title saying what the report covers.
    public var subtitle: String?
    /// The dates the report covers, if it is limited to some.
    public var period: ReportPeriod?
    /// The filters applied to the records (for example the office), in display order.
    public var filters: [ReportFilter]
    /// When the report was generated, as an ISO 8601 timestamp.
    public var generatedAt: String
    /// The headline numbers, shown first.
    public var keyFigures: [KeyFigure]
    /// The tables, in display order.
    public var tables: [ReportTable]
    /// The charts, in display order.
    public var charts: [ReportChart]
    /// Remarks for the reader, shown after the data.
    public var notes: [String]
    /// How many of the records counted have open conflicts, which makes their figures provisional.
    ///
    /// Renderers show a notice when this is above zero: a plugin need not add a note of its own.
    public var provisionalCount: Int

    /// Creates a document; only the id and title are required.
    public init(
        id: String,
        title: String,
        subtitle: String? = nil,
        period: ReportPeriod? = nil,
        filters: [ReportFilter] = [],
        generatedAt: String = ReportDocument.timestamp(for: Date()),
        keyFigures: [KeyFigure] = [],
        tables: [ReportTable] = [],
        charts: [ReportChart] = [],
        notes: [String] = [],
        provisionalCount: Int = 0
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.period = period
        self.filters = filters
        self.generatedAt = generatedAt
        self.keyFigures = keyFigures
        self.tables = tables
        self.charts = charts
        self.notes = notes
        self.provisionalCount = provisionalCount
    }

    /// The ISO 8601 form of a date used for ``generatedAt``, such as `2024-05-01T09:30:00Z`.
    public static func timestamp(for date: Date) -> String {
        date.formatted(.iso8601)
    }
}
