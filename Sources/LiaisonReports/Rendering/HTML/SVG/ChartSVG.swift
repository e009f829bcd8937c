/// Draws a ``ReportChart`` as an SVG element.
enum ChartSVG {
    /// The chart's `<svg>` element, labelled with its title and data for screen readers.
    static func markup(_ chart: ReportChart) -> String {
        let label = accessibleLabel(chart)
        guard !chart.categories.isEmpty, !chart.series.isEmpty else { return SVG.empty(label: label) }
        switch chart.kind {
        case .bar: return BarChartSVG(chart: chart).markup(label: label)
        case .stackedBar: return StackedBarChartSVG(chart: chart).markup(label: label)
        case .funnel: return FunnelChartSVG(chart: chart).markup(label: label)
        }
    }

    /// `Bar chart: By office. Mumbai 12; Chennai 7.`: the kind, the title and the data.
    static func accessibleLabel(_ chart: ReportChart) -> String {
        let kind =
            switch chart.kind {
            case .bar: "Bar chart"
            case .stackedBar: "Stacked bar chart"
            case .funnel: "Funnel chart"
            }
        let table = ChartDataTable(chart)
        let data = table.rows.map { row in
            guard row.count > 2 else { return row.joined(separator: " ") }
            let values = zip(table.header, row).dropFirst().filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1)" }
            return "\(row[0]): " + values.joined(separator: ", ")
        }
        let summary = data.isEmpty ? "No data." : data.joined(separator: "; ") + "."
        return "\(kind): \(chart.title). \(summary)"
    }

    /// The largest value to scale bars against: at least 1, so that all-zero data draws empty bars.
    static func scale(_ values: [Double]) -> Double {
        max(values.max() ?? 0, 1)
    }
}
