extension ReportChart {
    /// A bar chart of one series: `.bar(id: "by_office", title: "By office", data: [("Mumbai", 12)])`.
    public static func bar(
        id: String,
        title: String,
        data: [(label: String, value: Double)],
        valueKind: ChartValueKind = .count,
        caption: String? = nil
    ) -> ReportChart {
        ReportChart(
            id: id,
            title: title,
            kind: .bar,
            categories: data.map(\.label),
            series: [ChartSeries(title, data.map(\.value))],
            valueKind: valueKind,
            caption: caption
        )
    }

    /// A funnel of counts, first stage widest: `.funnel(id: "pipeline", title: "Pipeline",
    /// stages: [("Leads", 40), ("Meetings", 18), ("Signed", 6)])`.
    public static func funnel(
        id: String,
        title: String,
        stages: [(label: String, count: Int)],
        caption: String? = nil
    ) -> ReportChart {
        ReportChart(
            id: id,
            title: title,
            kind: .funnel,
            categories: stages.map(\.label),
            series: [ChartSeries(title, stages.map { Double($0.count) })],
            valueKind: .count,
            caption: caption
        )
    }

    /// The conversion from the stage before to a stage of a funnel (first series), as a fraction;
    /// `nil` for the first stage or when the stage before is zero.
    public func conversion(toStage index: Int) -> Double? {
        guard index > 0 else { return nil }
        let previous = value(series: 0, category: index - 1)
        guard previous > 0 else { return nil }
        return value(series: 0, category: index) / previous
    }
}
