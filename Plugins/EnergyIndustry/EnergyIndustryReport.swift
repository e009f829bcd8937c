import LiaisonCore
import LiaisonReports

/// Builds the `energy_industry` report.
///
/// The pipeline is every record in the track except those closed lost; its value is the sum
/// of `value_usd` (any basis). Closed-lost records are counted apart and carry no value.
enum EnergyIndustryReport {
    static let field = "energy_industry.scep_pillar"

    static func build(_ input: ReportInput) -> ReportDocument {
        let all = input.records
        let pipeline = all.filter { $0.status != "closed_lost" }
        var document = input.document(
            id: "energy_industry", title: "Energy-Industry Network",
            subtitle: "Pipeline value by Strategic Clean Energy Partnership pillar and office (closed-lost excluded).")

        var pillars = EnergyIndustryPlugin.pillars.map { (id: Optional($0.id), name: $0.name) }
        if pipeline.contains(where: { $0.text(field) == nil }) { pillars.append((nil, "Not set")) }
        let offices = CoreSchema.offices.filter { office in pipeline.contains { $0.office == office } }
        func value(_ records: [ReportRecord]) -> Double { records.reduce(0) { $0 + $1.valueUSD } }
        let byPillar = Dictionary(grouping: pipeline) { $0.text(field) }
        func inPillar(_ pillar: String?) -> [ReportRecord] { byPillar[pillar] ?? [] }
        func officeName(_ slug: String) -> String { CoreSchema.officeNames[slug] ?? slug }

        let won = pipeline.filter { $0.status == "closed_won" }
        document.keyFigures = [
            KeyFigure("Pipeline records", .count(pipeline.count)),
            KeyFigure("Pipeline value", .money(value(pipeline))),
            KeyFigure("Closed won value", .money(value(won))),
            KeyFigure("Closed lost", .count(all.count - pipeline.count)),
        ]
        document.tables = [
            ReportTable(
                id: "by_pillar", title: "Pipeline by pillar",
                columns: ["Pillar", "Records", "Closed won", "Value (USD)"],
                rows: pillars.map { pillar in
                    let records = inPillar(pillar.id)
                    return [.text(pillar.name), .count(records.count),
                            .count(records.filter { $0.status == "closed_won" }.count), .money(value(records))]
                }
            ).withTotals(),
            ReportTable(
                id: "by_office", title: "Pipeline by office",
                columns: ["Office", "Records", "Value (USD)"],
                rows: offices.map { office in
                    let records = pipeline.filter { $0.office == office }
                    return [.text(officeName(office)), .count(records.count), .money(value(records))]
                }
            ).withTotals(),
            ReportTable(
                id: "value_by_office_pillar", title: "Pipeline value by office and pillar (USD)",
                columns: [ReportColumn("Office")] + pillars.map { ReportColumn($0.name) },
                rows: offices.map { office in
                    [.text(officeName(office))] + pillars.map { pillar in
                        .money(value(inPillar(pillar.id).filter { $0.office == office }))
                    }
                }
            ).withTotals(),
        ]
        document.charts = [
            .bar(id: "value_by_pillar", title: "Pipeline value by pillar",
                 data: pillars.map { ($0.name, value(inPillar($0.id))) }, valueKind: .money),
            ReportChart(
                id: "value_by_office_pillar", title: "Pipeline value by office and pillar", kind: .stackedBar,
                categories: offices.map(officeName),
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
