/// Horizontal bars, one per category, split into one segment per series, with a legend and the total at the end.
struct StackedBarChartSVG {
    let chart: ReportChart

    func markup(label: String) -> String {
        let barHeight = 24.0
        let rowHeight = barHeight + 10
        let legend = SVG.legend(chart.series, y: 8)
        let top = legend.height + 8
        let plotWidth = SVG.width - SVG.labelWidth - SVG.valueWidth
        let scale = ChartSVG.scale(chart.categories.indices.map(total))
        var body = legend.markup
        for (index, category) in chart.categories.enumerated() {
            let y = top + Double(index) * rowHeight
            var x = SVG.labelWidth
            var row = [SVG.text(SVG.shortened(category), x: SVG.labelWidth - 8, y: y + barHeight / 2, anchor: "end")]
            for series in chart.series.indices {
                let value = max(0, chart.value(series: series, category: index))
                let length = plotWidth * value / scale
                row.append(
                    SVG.group(
                        tooltip: "\(category), \(chart.series[series].name): \(chart.formatted(value))",
                        [
                            SVG.rect(x: x, y: y, width: length, height: barHeight, fill: SVG.color(series))
                        ]
                    )
                )
                x += length
            }
            row.append(SVG.text(chart.formatted(total(index)), x: x + 6, y: y + barHeight / 2))
            body.append("<g>" + row.joined() + "</g>")
        }
        return SVG.document(height: top + Double(chart.categories.count) * rowHeight + 8, label: label, body: body)
    }

    /// The sum of a category's non-negative values.
    private func total(_ category: Int) -> Double {
        chart.series.indices.map { max(0, chart.value(series: $0, category: category)) }.reduce(0, +)
    }
}
