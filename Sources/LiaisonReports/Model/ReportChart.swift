/// A chart as data: categories along one axis, one or more series of values.
///
/// Renderers draw it (HTML draws SVG) or list its data (Markdown).
public struct ReportChart: Codable, Sendable, Equatable {
    /// A stable identifier, such as `pipeline`.
    public var id: String
    /// The heading of the chart.
    public var title: String
    /// How the data is drawn.
    public var kind: ChartKind
    /// The labels of the bars or funnel stages, in order.
    public var categories: [String]
    /// The series; each has one value per category (missing values count as zero).
    public var series: [ChartSeries]
    /// What the values are, which decides how they are labelled.
    public var valueKind: ChartValueKind
    /// A sentence under the chart, if any.
    public var caption: String?
    /// The id of the table whose figures the chart draws: renderers put the chart directly
    /// under it. `nil` means the table with the chart's own id, if there is one.
    public var table: String?

    /// Creates a chart.
    public init(
        id: String,
        title: String,
        kind: ChartKind,
        categories: [String],
        series: [ChartSeries],
        valueKind: ChartValueKind = .count,
        caption: String? = nil
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.categories = categories
        self.series = series
        self.valueKind = valueKind
        self.caption = caption
    }

    /// The value of a series for a category: zero when missing or not a finite number.
    public func value(series seriesIndex: Int, category: Int) -> Double {
        guard series.indices.contains(seriesIndex) else { return 0 }
        let values = series[seriesIndex].values
        guard values.indices.contains(category), values[category].isFinite else { return 0 }
        return values[category]
    }

    /// A value labelled for people according to ``valueKind``: `$850K` or `1,234`.
    public func formatted(_ value: Double) -> String {
        switch valueKind {
        case .count: ReportFormatting.number(value)
        case .money: ReportFormatting.money(value)
        }
    }
}

/// How a ``ReportChart`` is drawn.
public enum ChartKind: String, Codable, Sendable, Equatable, CaseIterable {
    /// One bar per category (grouped bars when there are several series).
    case bar
    /// One bar per category, split into one segment per series, with a legend.
    case stackedBar
    /// Centred decreasing bars, one per stage, with counts and the conversion from stage to stage.
    case funnel
}

/// What the values of a ``ReportChart`` are.
public enum ChartValueKind: String, Codable, Sendable, Equatable, CaseIterable {
    /// Numbers of things: labelled `1,234`.
    case count
    /// US dollars: labelled `$12.5M`.
    case money
}

/// One named series of values of a ``ReportChart``.
public struct ChartSeries: Codable, Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// One value per category of the chart.
    public var values: [Double]

    /// Creates a series.
    public init(_ name: String, _ values: [Double]) {
        self.name = name
        self.values = values
    }
}
