import LiaisonCore
import LiaisonReports

/// Builds the `semiconductors` report.
///
/// Every record in the track counts; value is `value_usd` whatever its basis; pipeline value
/// is that of open records (``PipelineValue``: any status but `closed_won` and `closed_lost`). A record with no segment is shown as "Not set".
enum SemiconductorsReport {
    static func build(_ input: ReportInput) -> ReportDocument {
        var document = input.document(
            id: "semiconductors",
            title: "Semiconductors pipeline",
            subtitle: "Pipeline value by segment and status, and by office."
        )

        var all = RecordTally()
        var pipeline = PipelineValue()
        var bySegment: [String: Group] = [:]
        var byOffice: [String: Group] = [:]
        for record in input.records {
            all.add(record)
            pipeline.add(record)
            bySegment[record.text("semiconductors.segment") ?? "", default: Group()].add(record)
            byOffice[record.office, default: Group()].add(record)
        }
        let segments = SemiconductorsPlugin.segments + (bySegment[""] == nil ? [] : [""])
        let statuses = CoreSchema.statuses
        func segment(_ id: String) -> Group { bySegment[id] ?? Group() }
        document.keyFigures = [KeyFigure("Records", .count(all.count))] + pipeline.keyFigures
        document.tables = [
            ReportTable(
                id: "value_by_segment_status",
                title: "USD value by segment and status",
                columns: ["Segment"] + statuses.map { ReportColumn(ReportLabels.status($0)) } + ["Total"],
                rows: segments.map { id in
                    let group = segment(id)
                    return [.text(label(id))] + statuses.map { .money(group.value(at: $0)) } + [.money(group.all.value)]
                }
            ).withTotals(),
            ReportTable(
                id: "by_segment",
                title: "Records by segment",
                columns: ["Segment", "Records", "Open", "Closed won", "Value (USD)"],
                rows: segments.map { id in
                    let group = segment(id)
                    return [
                        .text(label(id)), .count(group.all.count), .count(group.open.count),
                        .count(group.atStatus["closed_won"]?.count ?? 0), .money(group.all.value),
                    ]
                }
            ).withTotals(),
            ReportTable(
                id: "by_office",
                title: "Value by office",
                columns: ["Office", "Records", "Pipeline value (USD)", "Won value (USD)", "Total value (USD)"],
                rows: CoreSchema.offices.map { office in
                    let group = byOffice[office] ?? Group()
                    return [
                        .text(ReportLabels.office(office)), .count(group.all.count), .money(group.open.value),
                        .money(group.value(at: "closed_won")), .money(group.all.value),
                    ]
                }
            ).withTotals(),
        ]
        document.charts = [
            ReportChart(
                id: "value_by_segment_status",
                title: "USD value by segment and status",
                kind: .stackedBar,
                categories: segments.map(label),
                series: statuses.map { status in
                    ChartSeries(ReportLabels.status(status), segments.map { segment($0).value(at: status) })
                },
                valueKind: .money
            ),
            .bar(
                id: "value_by_office",
                title: "USD value by office",
                data: CoreSchema.offices.map { office in
                    (ReportLabels.office(office), byOffice[office]?.all.value ?? 0)
                },
                valueKind: .money
            ).under("by_office"),
        ]
        return document
    }

    /// The records of a segment or an office: all, open, and by status.
    struct Group {
        var all = RecordTally()
        var open = RecordTally()
        var atStatus: [String: RecordTally] = [:]

        mutating func add(_ record: ReportRecord) {
            all.add(record)
            if PipelineValue.isOpen(record) { open.add(record) }
            atStatus[record.status, default: RecordTally()].add(record)
        }

        func value(at status: String) -> Double { atStatus[status]?.value ?? 0 }
    }

    static func label(_ segment: String) -> String { segment.isEmpty ? "Not set" : ReportLabels.value(segment) }
}
