import LiaisonCore
import LiaisonReports

/// Builds the `strategic_trade` report.
///
/// A licensing query is *open* while its status is neither `closed_won` nor `closed_lost`
/// (on hold counts as open); its age is the days from `opened_on` (else its last write) to
/// today. Records with no domain or item are shown as "Not set".
enum StrategicTradeReport {
    static let closed: Set = ["closed_won", "closed_lost"]

    static func build(_ input: ReportInput) -> ReportDocument {
        let records = input.records
        var document = input.document(
            id: "strategic_trade", title: "Strategic Trade Dialogue",
            subtitle: "Export-control outreach, licensing queries and co-development by technology domain.")

        let outreach = records.filter { item($0) == "outreach_workshop" }
        let queries = records.filter { item($0) == "licensing_query" }
        let openQueries = queries.filter { !closed.contains($0.status) }
        let ages = openQueries.map { age($0, today: input.today) }
        let coDevelopment = records.filter { item($0) == "co_development" }
        let byDomain = Dictionary(grouping: records) { $0.text("strategic_trade.domain") ?? "" }
        let domains = StrategicTradePlugin.domains + (byDomain[""] == nil ? [] : [""])

        document.keyFigures = [
            KeyFigure("Records", .count(records.count)),
            KeyFigure("Outreach workshops", .count(outreach.count)),
            KeyFigure("Open licensing queries", .count(openQueries.count), note: "of \(queries.count) in all"),
            KeyFigure("Oldest open query (days)", .count(ages.max() ?? 0)),
            KeyFigure("Co-development projects", .count(coDevelopment.count)),
            KeyFigure("Co-development value", .money(coDevelopment.reduce(0) { $0 + $1.valueUSD })),
        ]
        document.tables = [
            ReportTable(
                id: "by_domain", title: "Items by technology domain",
                columns: ["Domain", "Outreach workshops", "Licensing queries", "Open queries", "Co-development",
                          "Value (USD)"],
                rows: domains.map { domain in
                    let group = byDomain[domain] ?? []
                    return [
                        .text(label(domain)),
                        .count(group.filter { item($0) == "outreach_workshop" }.count),
                        .count(group.filter { item($0) == "licensing_query" }.count),
                        .count(group.filter { item($0) == "licensing_query" && !closed.contains($0.status) }.count),
                        .count(group.filter { item($0) == "co_development" }.count),
                        .money(group.reduce(0) { $0 + $1.valueUSD }),
                    ]
                }
            ).withTotals(),
            ReportTable(
                id: "outreach_by_office", title: "Outreach workshops by office",
                columns: ["Office", "Outreach workshops"],
                rows: CoreSchema.offices.map { office in
                    [.text(ReportLabels.office(office)), .count(outreach.filter { $0.office == office }.count)]
                }
            ).withTotals(),
            ageTable(openQueries, today: input.today),
        ]
        document.charts = [
            ReportChart(
                id: "items_by_domain", title: "Items by technology domain", kind: .stackedBar,
                categories: domains.map(label),
                series: StrategicTradePlugin.items.map { kind in
                    ChartSeries(ReportLabels.value(kind), domains.map { domain in
                        Double((byDomain[domain] ?? []).filter { item($0) == kind }.count)
                    })
                }).under("by_domain"),
            .bar(id: "open_queries_by_age", title: "Open licensing queries by age",
                 data: ReportDays.ageBuckets.indices.map { index in
                     (ReportDays.ageBuckets[index].label,
                      Double(ages.filter { ReportDays.bucket(ofAge: $0) == index }.count))
                 }),
        ]
        return document
    }

    static func item(_ record: ReportRecord) -> String? { record.text("strategic_trade.item") }
    static func label(_ domain: String) -> String { domain.isEmpty ? "Not set" : ReportLabels.value(domain) }
    static func age(_ record: ReportRecord, today: String) -> Int {
        max(ReportDays.between(record.date, and: today) ?? 0, 0)
    }

    /// Open queries by age bucket (rows) and domain (columns).
    static func ageTable(_ open: [ReportRecord], today: String) -> ReportTable {
        let byBucket = Dictionary(grouping: open) { ReportDays.bucket(ofAge: age($0, today: today)) }
        let domains = StrategicTradePlugin.domains
        return ReportTable(
            id: "open_queries_by_age", title: "Open licensing queries by age and domain",
            columns: ["Age"] + domains.map { ReportColumn(label($0)) } + ["Total"],
            rows: ReportDays.ageBuckets.indices.map { index in
                let group = byBucket[index] ?? []
                return [.text(ReportDays.ageBuckets[index].label)]
                    + domains.map { domain in .count(group.filter { $0.text("strategic_trade.domain") == domain }.count) }
                    + [.count(group.count)]
            }
        ).withTotals()
    }
}
