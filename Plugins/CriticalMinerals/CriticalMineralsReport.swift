import LiaisonCore
import LiaisonReports

/// Builds the `critical_minerals` report.
///
/// Every record in the track counts; value is `value_usd` whatever its basis. A record with
/// no mineral or stage yet is shown under "Not set", a row or column that appears only when
/// some record needs it.
enum CriticalMineralsReport {
    static let notSet = "Not set"

    static func build(_ input: ReportInput) -> ReportDocument {
        let records = input.records
        var document = input.document(
            id: "critical_minerals", title: "Critical minerals pipeline",
            subtitle: "Records and USD value by mineral and value-chain stage, and the status funnel.")

        let grid = Grid(records)
        let funnel = StatusFunnel(records)
        document.keyFigures = [KeyFigure("Records", .count(records.count))] + PipelineValue(records).keyFigures + [
            KeyFigure("Closed won", .count(records.filter { $0.status == "closed_won" }.count)),
            KeyFigure("Minerals with activity", .count(grid.rows.filter { $0 != notSet && grid.count(row: $0) > 0 }.count)),
        ]
        document.tables = [
            grid.table(id: "mineral_stage_records", title: "Records by mineral and stage") { .count($0.count) },
            grid.table(id: "mineral_stage_value", title: "USD value by mineral and stage") {
                .money($0.reduce(0) { $0 + $1.valueUSD })
            },
            funnel.table(),
        ]
        document.charts = [
            ReportChart(
                id: "value_by_mineral", title: "USD value by mineral and stage", kind: .stackedBar,
                categories: grid.rows.map(label),
                series: grid.columns.map { stage in
                    ChartSeries(label(stage), grid.rows.map { row in grid.cell(row, stage).reduce(0) { $0 + $1.valueUSD } })
                },
                valueKind: .money).under("mineral_stage_value"),
            funnel.chart(),
        ]
        return document
    }

    static func label(_ slug: String) -> String { slug == notSet ? slug : ReportLabels.value(slug) }

    /// Records grouped by mineral (rows) and stage (columns).
    struct Grid {
        let rows: [String]
        let columns: [String]
        private let cells: [String: [String: [ReportRecord]]]

        init(_ records: [ReportRecord]) {
            var cells: [String: [String: [ReportRecord]]] = [:]
            for record in records {
                let mineral = record.text("critical_minerals.mineral") ?? notSet
                let stage = record.text("critical_minerals.stage") ?? notSet
                cells[mineral, default: [:]][stage, default: []].append(record)
            }
            self.cells = cells
            let unsetColumn = cells.values.contains { $0[notSet] != nil }
            rows = CriticalMineralsPlugin.minerals + (cells[notSet] == nil ? [] : [notSet])
            columns = CriticalMineralsPlugin.stages + (unsetColumn ? [notSet] : [])
        }

        func cell(_ row: String, _ column: String) -> [ReportRecord] { cells[row]?[column] ?? [] }
        func count(row: String) -> Int { cells[row]?.values.reduce(0) { $0 + $1.count } ?? 0 }

        /// One row per mineral, one column per stage and a total column, with a totals row.
        func table(id: String, title: String, value: ([ReportRecord]) -> ReportValue) -> ReportTable {
            ReportTable(
                id: id, title: title,
                columns: ["Mineral"] + columns.map { ReportColumn(label($0)) } + ["Total"],
                rows: rows.map { row in
                    [.text(label(row))] + columns.map { value(cell(row, $0)) }
                        + [value(columns.flatMap { cell(row, $0) })]
                }
            ).withTotals()
        }
    }
}
