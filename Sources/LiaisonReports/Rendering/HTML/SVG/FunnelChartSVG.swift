/// Centred bars, one per stage and as wide as its count, with the count at the right and the
/// conversion from the stage before written between stages.
struct FunnelChartSVG {
    let chart: ReportChart

    func markup(label: String) -> String {
        let barHeight = 30.0
        let gap = 22.0
        let plotWidth = SVG.width - SVG.labelWidth - SVG.valueWidth
        let centre = SVG.labelWidth + plotWidth / 2
        let values = chart.categories.indices.map { max(0, chart.value(series: 0, category: $0)) }
        let scale = ChartSVG.scale(values)
        var body: [String] = []
        for (index, stage) in chart.categories.enumerated() {
            let y = 8 + Double(index) * (barHeight + gap)
            if index > 0 {
                let conversion = chart.conversion(toStage: index)
                    .map { "\(ReportFormatting.percent($0)) of previous stage" }
                body.append(
                    SVG.text(
                        "↓ " + (conversion ?? "no conversion"),
                        x: centre,
                        y: y - gap / 2,
                        anchor: "middle",
                        size: 11,
                        fill: "#444"
                    )
                )
            }
            let length = max(plotWidth * values[index] / scale, values[index] > 0 ? 2 : 0)
            body.append(
                SVG.group(
                    tooltip: "\(stage): \(chart.formatted(values[index]))",
                    [
                        SVG.text(SVG.shortened(stage), x: SVG.labelWidth - 8, y: y + barHeight / 2, anchor: "end"),
                        SVG.rect(x: centre - length / 2, y: y, width: length, height: barHeight, fill: SVG.color(0)),
                        SVG.text(chart.formatted(values[index]), x: SVG.width - 8, y: y + barHeight / 2, anchor: "end"),
                    ]
                )
            )
        }
        let height = 16 + Double(values.count) * barHeight + Double(values.count - 1) * gap
        return SVG.document(height: height, label: label, body: body)
    }
}
