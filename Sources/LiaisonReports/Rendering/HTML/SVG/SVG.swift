/// Building blocks of the charts' SVG markup; all text is escaped here.
enum SVG {
    /// The drawing's width in user units; it scales to its container.
    static let width = 640.0
    /// Room on the left for category labels.
    static let labelWidth = 170.0
    /// Room on the right for values at the end of bars.
    static let valueWidth = 90.0
    /// The longest category label drawn in full; longer ones are cut with an ellipsis.
    static let maxLabelLength = 26
    /// Series colours: distinct for colour-blind readers and legible when printed in grey.
    static let palette = ["#1f5fa8", "#e08a1e", "#2a9d6f", "#c4463a", "#7b5ea7", "#8c6d3f", "#d16ba5", "#5f6b73"]

    /// The colour of a series.
    static func color(_ index: Int) -> String {
        palette[index % palette.count]
    }

    /// A coordinate with at most one decimal, written the same on every machine.
    static func number(_ x: Double) -> String {
        ReportFormatting.raw(x.isFinite ? (x * 10).rounded() / 10 : 0)
    }

    /// The root `<svg>` element, labelled for assistive technology.
    static func document(height: Double, label: String, body: [String]) -> String {
        let size = "width=\"\(number(width))\" height=\"\(number(height))\""
        let viewBox = "viewBox=\"0 0 \(number(width)) \(number(height))\""
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" \(viewBox) \(size) "
            + "role=\"img\" aria-label=\"\(XMLText.escape(label))\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n"
            + "<title>\(XMLText.escape(label))</title>\n"
            + body.joined(separator: "\n")
            + "\n</svg>"
    }

    /// A filled rectangle.
    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, width)))\" "
            + "height=\"\(number(max(0, height)))\" fill=\"\(fill)\"/>"
    }

    /// A line of text; `anchor` is `start`, `middle` or `end`; `y` is the text's middle.
    static func text(
        _ content: String,
        x: Double,
        y: Double,
        anchor: String = "start",
        size: Double = 13,
        fill: String = "#1a1a1a"
    ) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" dominant-baseline=\"middle\" "
            + "font-size=\"\(number(size))\" fill=\"\(fill)\">\(XMLText.escape(content))</text>"
    }

    /// A group with a tooltip, such as one bar and its labels.
    static func group(tooltip: String, _ children: [String]) -> String {
        "<g><title>\(XMLText.escape(tooltip))</title>" + children.joined() + "</g>"
    }

    /// A label cut to ``maxLabelLength`` characters.
    static func shortened(_ label: String) -> String {
        label.count > maxLabelLength ? String(label.prefix(maxLabelLength - 1)) + "…" : label
    }

    /// The legend of the series, one swatch and name per line, starting at `y`; and its height.
    static func legend(_ series: [ChartSeries], y: Double) -> (markup: [String], height: Double) {
        let lineHeight = 20.0
        let markup = series.enumerated().map { index, item in
            let top = y + Double(index) * lineHeight
            return rect(x: labelWidth, y: top + 4, width: 12, height: 12, fill: color(index))
                + text(shortened(item.name), x: labelWidth + 18, y: top + 10)
        }
        return (markup, Double(series.count) * lineHeight + 6)
    }

    /// The drawing shown when a chart has nothing to draw.
    static func empty(label: String) -> String {
        document(height: 40, label: label, body: [text("No data", x: width / 2, y: 20, anchor: "middle", fill: "#555")])
    }
}
