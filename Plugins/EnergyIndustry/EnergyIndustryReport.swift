import LiaisonCore
import LiaisonReports

/// Builds the `energy_industry` report.
///
/// The pipeline is the track's open records (``PipelineValue``: any status but `closed_won`
/// and `closed_lost`); its value is the sum of their `value_usd` (any basis). Won and lost
/// value are figures of their own; the pillar table counts every record and those closed won.
enum EnergyIndustryReport {
    static let field = "energy_industry.scep_pillar"

    static func build(_ input: ReportInput) -> ReportDocument {
        let all = input.records
        let pipeline = all.filter(PipelineValue.isOpen)
        var document = input.document(
            id: "energy_industry", title: "Energy-Industry Network",
            subtitle: "Pipeline value (open records) by Strategic Clean Energy Partnership pillar and office.")

        var pillars = EnergyIndustryPlugin.pillars.map { (id: Optional($0.id), name: $0.name) }
        if all.contains(where: { $0.text(field) == nil }) { pillars.append((nil, "Not set")) }
        let offices = CoreSchema.offices.filter { office in pipeline.contains { $0.office == office } }
        func value(_ records: [ReportRecord]) -> Double { records.reduce(0) { $0 + $1.valueUSD } }
        let byPillar = Dictionary(grouping: pipeline) { $0.text(field) }
        func inPillar(_ pillar: String?) -> [ReportRecord] { byPillar[pillar] ?? [] }

        document.keyFigures = [KeyFigure("Open records", .count(pipeline.count))] + PipelineValue(all).keyFigures + [
            KeyFigure("Closed lost", .count(all.filter { $0.status == "closed_lost" }.count)),
        ]
        document.tables = [
            ReportTable(
                id: "by_pillar", title: "Pipeline by pillar",
                columns: ["Pillar", "Records", "Closed won", "Pipeline value (USD)"],
                rows: pillars.map { pillar in
                    let records = all.filter { $0.text(field) == pillar.id }
                    return [.text(pillar.name), .count(records.count),
                            .count(records.filter { $0.status == "closed_won" }.count), .money(value(inPillar(pillar.id)))]
                }
            ).withTotals(),
            ReportTable(
                id: "by_office", title: "Pipeline by office",
                columns: ["Office", "Open records", "Pipeline value (USD)"],
                rows: offices.map { office in
                    let records = pipeline.filter { $0.office == office }
                    return [.text(ReportLabels.office(office)), .count(records.count), .money(value(records))]
                }
            ).withTotals(),
            ReportTable(
                id: "value_by_office_pillar", title: "Pipeline value by office and pillar (USD)",
                columns: [ReportColumn("Office")] + pillars.map { ReportColumn($0.name) },
                rows: offices.map { office in
                    [.text(ReportLabels.office(office))] + pillars.map { pillar in
                        .money(value(inPillar(pillar.id).filter { $0.office == office }))
                    }
                }
            ).withTotals(),
        ]
        document.charts = [
            .bar(id: "value_by_pillar", title: "Pipeline value by pillar",
                 data: pillars.map { ($0.name, value(inPillar($0.id))) }, valueKind: .money).under("by_pillar"),
            ReportChart(
                id: "value_by_office_pillar", title: "Pipeline value by office and pillar", kind: .stackedBar,
                categories: offices.map(ReportLabels.office),
                series: pillars.map { pillar in
                    ChartSeries(pillar.name, offices.map { office in
                        value(inPillar(pillar.id).filter { $0.office == office })
                    })
                },
                valueKind: .money),
        ]
        return document
    }
}
