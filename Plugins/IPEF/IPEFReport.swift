import LiaisonCore
import LiaisonReports

/// Builds the `ipef` report: counts and value by pillar.
///
/// Every record in the `ipef` track counts; "won" is status `closed_won`; value is `value_usd`
/// whatever its basis. Records with no pillar yet are shown as "Not set".
enum IPEFReport {
    static func build(_ input: ReportInput) -> ReportDocument {
        var document = input.document(
            id: "ipef",
            title: "Indo-Pacific Economic Framework",
            subtitle: "Records and USD value by IPEF pillar."
        )

        var all = RecordTally()
        var won = RecordTally()
        var inPillar: [String?: Group] = [:]
        for record in input.records {
            all.add(record)
            if record.status == "closed_won" { won.add(record) }
            inPillar[record.text("ipef.pillar"), default: Group()].add(record)
        }
        var rows: [(name: String, group: Group)] = IPEFPlugin.pillars.map { pillar in
            (pillar.name, inPillar[pillar.id] ?? Group())
        }
        if let unset = inPillar[nil] { rows.append(("Not set", unset)) }

        document.keyFigures = [
            KeyFigure("Records", .count(all.count)),
            KeyFigure("Total value", .money(all.value)),
            KeyFigure("Closed won", .count(won.count)),
            KeyFigure("Won value", .money(won.value)),
        ]
        document.tables = [
            ReportTable(
                id: "by_pillar",
                title: "Records and value by pillar",
                columns: ["Pillar", "Records", "Open", "Closed won", "Value (USD)", "Won value (USD)"],
                rows: rows.map { row in
                    [
                        .text(row.name), .count(row.group.all.count), .count(row.group.open), .count(row.group.won.count),
                        .money(row.group.all.value), .money(row.group.won.value),
                    ]
                }
            ).withTotals()
        ]
        document.charts = [
            .bar(
                id: "value_by_pillar",
                title: "Value by pillar",
                data: rows.map { ($0.name, $0.group.all.value) },
                valueKind: .money
            ).under("by_pillar"),
            .bar(
                id: "records_by_pillar",
                title: "Records by pillar",
                data: rows.map { ($0.name, Double($0.group.all.count)) }
            ).under("by_pillar"),
        ]
        return document
    }

    /// The records of one pillar: all, open, and closed won.
    struct Group {
        var all = RecordTally()
        var open = 0
        var won = RecordTally()

        mutating func add(_ record: ReportRecord) {
            all.add(record)
            if PipelineValue.isOpen(record) { open += 1 }
            if record.status == "closed_won" { won.add(record) }
        }
    }
}
