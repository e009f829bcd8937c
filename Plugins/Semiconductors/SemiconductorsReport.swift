import LiaisonCore
import LiaisonReports

/// Builds the `semiconductors` report.
///
/// Every record in the track counts; value is `value_usd` whatever its basis; pipeline value
/// is that of open records (``PipelineValue``: any status but `closed_won` and `closed_lost`). A record with no segment is shown as "Not set".
enum SemiconductorsReport {
    static func build(_ input: ReportInput) -> ReportDocument {
        let records = input.records
        var document = input.document(
            id: "semiconductors", title: "Semiconductors pipeline",
            subtitle: "Pipeline value by segment and status, and by office.")

        let bySegment = Dictionary(grouping: records) { $0.text("semiconductors.segment") ?? "" }
        let segments = SemiconductorsPlugin.segments + (bySegment[""] == nil ? [] : [""])
        let statuses = CoreSchema.statuses
        document.keyFigures = [KeyFigure("Records", .count(records.count))] + PipelineValue(records).keyFigures
        document.tables = [
            ReportTable(
                id: "value_by_segment_status", title: "USD value by segment and status",
                columns: ["Segment"] + statuses.map { ReportColumn(ReportLabels.status($0)) } + ["Total"],
                rows: segments.map { segment in
                    let group = bySegment[segment] ?? []
                    return [.text(label(segment))]
                        + statuses.map { status in .money(sum(group.filter { $0.status == status })) }
                        + [.money(sum(group))]
                }
            ).withTotals(),
            ReportTable(
                id: "by_segment", title: "Records by segment",
                columns: ["Segment", "Records", "Open", "Closed won", "Value (USD)"],
                rows: segments.map { segment in
                    let group = bySegment[segment] ?? []
                    return [
                        .text(label(segment)), .count(group.count),
                        .count(group.filter(PipelineValue.isOpen).count),
                        .count(group.filter { $0.status == "closed_won" }.count), .money(sum(group)),
                    ]
                }
            ).withTotals(),
            officeTable(records),
        ]
        document.charts = [
            ReportChart(
                id: "value_by_segment_status", title: "USD value by segment and status", kind: .stackedBar,
                categories: segments.map(label),
                series: statuses.map { status in
                    ChartSeries(ReportLabels.status(status), segments.map { segment in
                        sum((bySegment[segment] ?? []).filter { $0.status == status })
                    })
                },
                valueKind: .money),
            .bar(id: "value_by_office", title: "USD value by office",
                 data: CoreSchema.offices.map { office in
                     (ReportLabels.office(office), sum(records.filter { $0.office == office }))
                 },
                 valueKind: .money).under("by_office"),
        ]
        return document
    }

    static func officeTable(_ records: [ReportRecord]) -> ReportTable {
        let byOffice = Dictionary(grouping: records, by: \.office)
        return ReportTable(
            id: "by_office", title: "Value by office",
            columns: ["Office", "Records", "Pipeline value (USD)", "Won value (USD)", "Total value (USD)"],
            rows: CoreSchema.offices.map { office in
                let group = byOffice[office] ?? []
                return [
                    .text(ReportLabels.office(office)), .count(group.count),
                    .money(sum(group.filter(PipelineValue.isOpen))),
                    .money(sum(group.filter { $0.status == "closed_won" })), .money(sum(group)),
                ]
            }
        ).withTotals()
    }

    static func sum(_ records: [ReportRecord]) -> Double { records.reduce(0) { $0 + $1.valueUSD } }
    static func label(_ segment: String) -> String { segment.isEmpty ? "Not set" : ReportLabels.value(segment) }
}
