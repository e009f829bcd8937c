/// A chart's data as a table of formatted text, for renderers that list rather than draw it
/// (Markdown, and the HTML data table under each chart).
struct ChartDataTable {
    /// The column headers: the category column, then one per series (funnels: count and conversion).
    let header: [String]
    /// One row per category.
    let rows: [[String]]

    init(_ chart: ReportChart) {
        let categories = chart.categories.indices
        switch chart.kind {
        case .funnel:
            header = ["Stage", "Count", "Conversion from previous stage"]
            rows = categories.map { index in
                [
                    chart.categories[index],
                    chart.formatted(chart.value(series: 0, category: index)),
                    chart.conversion(toStage: index).map(ReportFormatting.percent) ?? "",
                ]
            }
        case .bar, .stackedBar:
            let stacked = chart.kind == .stackedBar && chart.series.count > 1
            header = ["Category"] + chart.series.map(\.name) + (stacked ? ["Total"] : [])
            rows = categories.map { index in
                let values = chart.series.indices.map { chart.value(series: $0, category: index) }
                let total = stacked ? [chart.formatted(values.reduce(0, +))] : []
                return [chart.categories[index]] + values.map(chart.formatted) + total
            }
        }
    }
}
