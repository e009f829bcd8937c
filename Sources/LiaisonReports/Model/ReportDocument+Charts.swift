extension ReportChart {
    /// The chart, drawn directly under the table `tableID`:
    /// `.bar(id: "value_by_pillar", ...).under("by_pillar")`.
    public func under(_ tableID: String) -> ReportChart {
        var chart = self
        chart.table = tableID
        return chart
    }
}

extension ReportDocument {
    /// The tables in order, each with the charts that draw it (``ReportChart/table``, else the
    /// chart of the same id), then the charts that draw no table of this document, so that
    /// every chart sits with its table.
    public var tablesWithCharts: (tables: [(table: ReportTable, charts: [ReportChart])], alone: [ReportChart]) {
        let ids = Set(tables.map(\.id))
        func home(_ chart: ReportChart) -> String? {
            if let table = chart.table, ids.contains(table) { return table }
            return ids.contains(chart.id) ? chart.id : nil
        }
        let placed = Dictionary(grouping: charts.filter { home($0) != nil }) { home($0)! }
        return (tables.map { ($0, placed[$0.id] ?? []) }, charts.filter { home($0) == nil })
    }
}
