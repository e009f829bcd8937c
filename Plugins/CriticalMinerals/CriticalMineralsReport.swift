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
        var document = input.document(
            id: "critical_minerals",
            title: "Critical minerals pipeline",
            subtitle: "Records and USD value by mineral and value-chain stage, and the status funnel."
        )

        var grid = Grid()
        var funnel = StatusFunnel()
        var pipeline = PipelineValue()
        for record in input.records {
            grid.add(record)
            funnel.add(record)
            pipeline.add(record)
        }
        document.keyFigures =
            [KeyFigure("Records", .count(funnel.count))] + pipeline.keyFigures + [
                KeyFigure("Closed won", .count(funnel.atStatus["closed_won", default: 0])),
                KeyFigure("Minerals with activity", .count(grid.rows.filter { $0 != notSet && grid.count(row: $0) > 0 }.count)),
            ]
        document.tables = [
            grid.table(id: "mineral_stage_records", title: "Records by mineral and stage") { count, _ in .count(count) },
            grid.table(id: "mineral_stage_value", title: "USD value by mineral and stage") { _, value in .money(value) },
            funnel.table(),
        ]
        document.charts = [
            ReportChart(
                id: "value_by_mineral",
                title: "USD value by mineral and stage",
                kind: .stackedBar,
                categories: grid.rows.map(label),
                series: grid.columns.map { stage in
                    ChartSeries(label(stage), grid.rows.map { row in grid.cell(row, stage).value })
                },
                valueKind: .money
            ).under("mineral_stage_value"),
            funnel.chart(),
        ]
        return document
    }

    static func label(_ slug: String) -> String { slug == notSet ? slug : ReportLabels.value(slug) }

    /// Records tallied by mineral (rows) and stage (columns).
    struct Grid {
        private var cells: [String: [String: RecordTally]] = [:]
        private var rowCounts: [String: Int] = [:]
        private var unsetColumn = false

        mutating func add(_ record: ReportRecord) {
            let mineral = record.text("critical_minerals.mineral") ?? notSet
            let stage = record.text("critical_minerals.stage") ?? notSet
            cells[mineral, default: [:]][stage, default: RecordTally()].add(record)
            rowCounts[mineral, default: 0] += 1
            if stage == notSet { unsetColumn = true }
        }

        var rows: [String] { CriticalMineralsPlugin.minerals + (cells[notSet] == nil ? [] : [notSet]) }
        var columns: [String] { CriticalMineralsPlugin.stages + (unsetColumn ? [notSet] : []) }

        func cell(_ row: String, _ column: String) -> RecordTally { cells[row]?[column] ?? RecordTally() }
        func count(row: String) -> Int { rowCounts[row] ?? 0 }

        /// One row per mineral, one column per stage and a total column (of the stages shown),
        /// with a totals row.
        func table(id: String, title: String, value: (_ count: Int, _ value: Double) -> ReportValue) -> ReportTable {
            ReportTable(
                id: id,
                title: title,
                columns: ["Mineral"] + columns.map { ReportColumn(label($0)) } + ["Total"],
                rows: rows.map { row in
                    let cells = columns.map { cell(row, $0) }
                    return [.text(label(row))] + cells.map { value($0.count, $0.value) }
                        + [value(cells.reduce(0) { $0 + $1.count }, cells.reduce(0) { $0 + $1.value })]
                }
            ).withTotals()
        }
    }
}
