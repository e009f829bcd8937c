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
        var document = input.document(
            id: "energy_industry",
            title: "Energy-Industry Network",
            subtitle: "Pipeline value (open records) by Strategic Clean Energy Partnership pillar and office."
        )

        var value = PipelineValue()
        var open = 0
        var closedLost = 0
        var unsetPillar = false
        var inPillar: [String?: (records: Int, won: Int)] = [:]
        var pipelineInPillar: [String?: Double] = [:]
        var pipelineInOffice: [String: RecordTally] = [:]
        var pipelineInOfficePillar: [String: [String?: Double]] = [:]
        for record in input.records {
            value.add(record)
            let pillar = record.text(field)
            if pillar == nil { unsetPillar = true }
            if record.status == "closed_lost" { closedLost += 1 }
            inPillar[pillar, default: (0, 0)].records += 1
            if record.status == "closed_won" { inPillar[pillar, default: (0, 0)].won += 1 }
            guard PipelineValue.isOpen(record) else { continue }
            open += 1
            pipelineInPillar[pillar, default: 0] += record.valueUSD
            pipelineInOffice[record.office, default: RecordTally()].add(record)
            pipelineInOfficePillar[record.office, default: [:]][pillar, default: 0] += record.valueUSD
        }

        var pillars = EnergyIndustryPlugin.pillars.map { (id: Optional($0.id), name: $0.name) }
        if unsetPillar { pillars.append((nil, "Not set")) }
        let offices = CoreSchema.offices.filter { pipelineInOffice[$0] != nil }
        func pipelineValue(_ office: String, _ pillar: String?) -> Double { pipelineInOfficePillar[office]?[pillar] ?? 0 }

        document.keyFigures =
            [KeyFigure("Open records", .count(open))] + value.keyFigures + [
                KeyFigure("Closed lost", .count(closedLost))
            ]
        document.tables = [
            ReportTable(
                id: "by_pillar",
                title: "Pipeline by pillar",
                columns: ["Pillar", "Records", "Closed won", "Pipeline value (USD)"],
                rows: pillars.map { pillar in
                    let counts = inPillar[pillar.id] ?? (0, 0)
                    return [
                        .text(pillar.name), .count(counts.records), .count(counts.won),
                        .money(pipelineInPillar[pillar.id] ?? 0),
                    ]
                }
            ).withTotals(),
            ReportTable(
                id: "by_office",
                title: "Pipeline by office",
                columns: ["Office", "Open records", "Pipeline value (USD)"],
                rows: offices.map { office in
                    let tally = pipelineInOffice[office] ?? RecordTally()
                    return [.text(ReportLabels.office(office)), .count(tally.count), .money(tally.value)]
                }
            ).withTotals(),
            ReportTable(
                id: "value_by_office_pillar",
                title: "Pipeline value by office and pillar (USD)",
                columns: [ReportColumn("Office")] + pillars.map { ReportColumn($0.name) },
                rows: offices.map { office in
                    [.text(ReportLabels.office(office))] + pillars.map { .money(pipelineValue(office, $0.id)) }
                }
            ).withTotals(),
        ]
        document.charts = [
            .bar(
                id: "value_by_pillar",
                title: "Pipeline value by pillar",
                data: pillars.map { ($0.name, pipelineInPillar[$0.id] ?? 0) },
                valueKind: .money
            ).under("by_pillar"),
            ReportChart(
                id: "value_by_office_pillar",
                title: "Pipeline value by office and pillar",
                kind: .stackedBar,
                categories: offices.map(ReportLabels.office),
                series: pillars.map { pillar in
                    ChartSeries(pillar.name, offices.map { pipelineValue($0, pillar.id) })
                },
                valueKind: .money
            ),
        ]
        return document
    }
}
