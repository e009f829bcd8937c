import LiaisonCore
import LiaisonReports

/// Builds the `ipef` report: counts and value by pillar.
///
/// Every record in the `ipef` track counts; "won" is status `closed_won`; value is `value_usd`
/// whatever its basis. Records with no pillar yet are shown as "Not set".
enum IPEFReport {
    static func build(_ input: ReportInput) -> ReportDocument {
        let records = input.records
        var document = input.document(
            id: "ipef", title: "Indo-Pacific Economic Framework",
            subtitle: "Records and USD value by IPEF pillar.")

        var rows: [(name: String, records: [ReportRecord])] = IPEFPlugin.pillars.map { pillar in
            (pillar.name, records.filter { $0.text("ipef.pillar") == pillar.id })
        }
        let unset = records.filter { $0.text("ipef.pillar") == nil }
        if !unset.isEmpty { rows.append(("Not set", unset)) }

        let won = records.filter { $0.status == "closed_won" }
        document.keyFigures = [
            KeyFigure("Records", .count(records.count)),
            KeyFigure("Total value", .money(records.reduce(0) { $0 + $1.valueUSD })),
            KeyFigure("Closed won", .count(won.count)),
            KeyFigure("Won value", .money(won.reduce(0) { $0 + $1.valueUSD })),
        ]
        document.tables = [
            ReportTable(
                id: "by_pillar", title: "Records and value by pillar",
                columns: ["Pillar", "Records", "Open", "Closed won", "Value (USD)", "Won value (USD)"],
                rows: rows.map { row in
                    let won = row.records.filter { $0.status == "closed_won" }
                    let open = row.records.filter { !["closed_won", "closed_lost"].contains($0.status) }
                    return [
                        .text(row.name), .count(row.records.count), .count(open.count), .count(won.count),
                        .money(row.records.reduce(0) { $0 + $1.valueUSD }),
                        .money(won.reduce(0) { $0 + $1.valueUSD }),
                    ]
                }
            ).withTotals(),
        ]
        document.charts = [
            .bar(id: "value_by_pillar", title: "Value by pillar",
                 data: rows.map { ($0.name, $0.records.reduce(0) { $0 + $1.valueUSD }) }, valueKind: .money).under("by_pillar"),
            .bar(id: "records_by_pillar", title: "Records by pillar",
                 data: rows.map { ($0.name, Double($0.records.count)) }).under("by_pillar"),
        ]
        return document
    }
}
