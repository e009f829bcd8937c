import LiaisonReports

/// Documents the tests render.
enum Fixtures {
    /// A document with every part, and text that needs escaping everywhere.
    static let full = ReportDocument(
        id: "sccp-summary",
        title: "SCCP <script>alert(\"x\")</script> & partners",
        subtitle: "Standards & \"conformance\" cooperation, Q1–Q4",
        period: ReportPeriod(from: "2024-01-01", to: "2024-12-31"),
        filters: [ReportFilter("Office", "Mumbai")],
        generatedAt: "2024-05-01T09:30:00Z",
        keyFigures: [
            KeyFigure("Partnerships", .count(1_234_567)),
            KeyFigure("Signed value", .money(12_500_000), note: "up from $9M"),
            KeyFigure("Win rate", .percent(0.425)),
        ],
        tables: [
            ReportTable(
                id: "by_office",
                title: "Partnerships | by office",
                columns: ["Office", "Partnerships", "Signed value", "Share"],
                rows: [
                    ["Mumbai, \"HQ\"", 12, .money(4_500_000), .percent(0.6)],
                    ["Chennai\nSouth", 7, .money(850_000), .percent(0.4)],
                    ["Delhi <b>", 0, .money(0)],
                ]
            ).withTotals(),
            ReportTable(
                id: "sectors",
                title: "Sectors",
                columns: [ReportColumn(id: "sector", title: "Sector"), ReportColumn(id: "n", title: "Records")],
                rows: [["Semiconductors", 3], ["Minerals", 4]],
                totals: ["Total", 7]
            ),
        ],
        charts: [
            .bar(id: "offices", title: "By office", data: [("Mumbai", 12), ("Chennai", 7), ("Delhi", 0)]),
            ReportChart(
                id: "value",
                title: "Value by stage",
                kind: .stackedBar,
                categories: ["2023", "2024"],
                series: [ChartSeries("Signed", [1_000_000, 2_500_000]), ChartSeries("Pending", [500_000, 0])],
                valueKind: .money,
                caption: "Signed & pending value"
            ),
            .funnel(id: "pipeline", title: "Pipeline", stages: [("Leads", 40), ("Meetings", 18), ("Signed", 6)]),
        ],
        notes: ["Figures <em>exclude</em> withdrawn records & drafts."],
        provisionalCount: 3
    )

    /// Charts with nothing to divide by: zero values, no categories, no series, a funnel starting at zero.
    static let degenerate = ReportDocument(
        id: "empty",
        title: "Nothing yet",
        generatedAt: "2024-05-01T09:30:00Z",
        tables: [ReportTable(id: "none", title: "No rows", columns: ["A", "B"])],
        charts: [
            .bar(id: "zeros", title: "Zeros", data: [("A", 0), ("B", 0)]),
            ReportChart(id: "nocats", title: "No categories", kind: .bar, categories: [], series: [ChartSeries("x", [])]),
            ReportChart(id: "noseries", title: "No series", kind: .stackedBar, categories: ["A"], series: []),
            ReportChart(
                id: "stackzero",
                title: "Stacked zeros",
                kind: .stackedBar,
                categories: ["A"],
                series: [ChartSeries("s", [0]), ChartSeries("t", [.nan])]
            ),
            .funnel(id: "f", title: "Zero funnel", stages: [("Leads", 0), ("Signed", 0)]),
            .funnel(id: "g", title: "Empty funnel", stages: []),
        ]
    )
}
