/// Horizontal bars, one per category and series (grouped, with a legend, when there are several series).
struct BarChartSVG {
    let chart: ReportChart

    func markup(label: String) -> String {
        let seriesCount = chart.series.count
        let barHeight = seriesCount == 1 ? 22.0 : 14.0
        let groupHeight = barHeight * Double(seriesCount) + 10
        let legend = seriesCount > 1 ? SVG.legend(chart.series, y: 8) : (markup: [], height: 0)
        let top = legend.height + 8
        let plotWidth = SVG.width - SVG.labelWidth - SVG.valueWidth
        let scale = ChartSVG.scale(allValues)
        var body = legend.markup
        for (index, category) in chart.categories.enumerated() {
            let groupTop = top + Double(index) * groupHeight
            let labelY = groupTop + (barHeight * Double(seriesCount) - 2) / 2
            body.append(SVG.text(SVG.shortened(category), x: SVG.labelWidth - 8, y: labelY, anchor: "end"))
            for series in 0..<seriesCount {
                let value = chart.value(series: series, category: index)
                let y = groupTop + Double(series) * barHeight
                let length = plotWidth * max(0, value) / scale
                let name = seriesCount == 1 ? category : "\(category), \(chart.series[series].name)"
                body.append(
                    SVG.group(
                        tooltip: "\(name): \(chart.formatted(value))",
                        [
                            SVG.rect(x: SVG.labelWidth, y: y, width: length, height: barHeight - 2, fill: SVG.color(series)),
                            SVG.text(
                                chart.formatted(value),
                                x: SVG.labelWidth + length + 6,
                                y: y + barHeight / 2 - 1,
                                size: seriesCount == 1 ? 13 : 11
                            ),
                        ]
                    )
                )
            }
        }
        return SVG.document(height: top + Double(chart.categories.count) * groupHeight + 8, label: label, body: body)
    }

    private var allValues: [Double] {
        chart.series.indices.flatMap { series in
            chart.categories.indices.map { chart.value(series: series, category: $0) }
        }
    }
}
