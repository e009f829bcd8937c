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
        var document = input.document(
            id: "strategic_trade",
            title: "Strategic Trade Dialogue",
            subtitle: "Export-control outreach, licensing queries and co-development by technology domain."
        )

        var count = 0
        var items: [String: Int] = [:]
        var openQueries = 0
        var oldest = 0
        var coDevelopment = RecordTally()
        var byDomain: [String: Domain] = [:]
        var outreachByOffice: [String: Int] = [:]
        var openByAge = Array(repeating: [String: Int](), count: ReportDays.ageBuckets.count)
        for record in input.records {
            count += 1
            let item = item(record)
            let domain = record.text("strategic_trade.domain")
            byDomain[domain ?? "", default: Domain()].add(record, item: item)
            if let item { items[item, default: 0] += 1 }
            switch item {
            case "outreach_workshop": outreachByOffice[record.office, default: 0] += 1
            case "co_development": coDevelopment.add(record)
            case "licensing_query" where !closed.contains(record.status):
                openQueries += 1
                let age = ReportDays.age(of: record, today: input.today)
                oldest = max(oldest, age)
                openByAge[ReportDays.bucket(ofAge: age)][domain ?? "", default: 0] += 1
            default: break
            }
        }
        let domains = StrategicTradePlugin.domains + (byDomain[""] == nil ? [] : [""])
        func domain(_ id: String) -> Domain { byDomain[id] ?? Domain() }

        document.keyFigures = [
            KeyFigure("Records", .count(count)),
            KeyFigure("Outreach workshops", .count(items["outreach_workshop", default: 0])),
            KeyFigure(
                "Open licensing queries",
                .count(openQueries),
                note: "of \(items["licensing_query", default: 0]) in all"
            ),
            KeyFigure("Oldest open query (days)", .count(oldest)),
            KeyFigure("Co-development projects", .count(coDevelopment.count)),
            KeyFigure("Co-development value", .money(coDevelopment.value)),
        ]
        document.tables = [
            ReportTable(
                id: "by_domain",
                title: "Items by technology domain",
                columns: [
                    "Domain", "Outreach workshops", "Licensing queries", "Open queries", "Co-development",
                    "Value (USD)",
                ],
                rows: domains.map { id in
                    let group = domain(id)
                    return [
                        .text(label(id)), .count(group.items["outreach_workshop", default: 0]),
                        .count(group.items["licensing_query", default: 0]), .count(group.openQueries),
                        .count(group.items["co_development", default: 0]), .money(group.all.value),
                    ]
                }
            ).withTotals(),
            ReportTable(
                id: "outreach_by_office",
                title: "Outreach workshops by office",
                columns: ["Office", "Outreach workshops"],
                rows: CoreSchema.offices.map { office in
                    [.text(ReportLabels.office(office)), .count(outreachByOffice[office, default: 0])]
                }
            ).withTotals(),
            ageTable(openByAge),
        ]
        document.charts = [
            ReportChart(
                id: "items_by_domain",
                title: "Items by technology domain",
                kind: .stackedBar,
                categories: domains.map(label),
                series: StrategicTradePlugin.items.map { kind in
                    ChartSeries(ReportLabels.value(kind), domains.map { Double(domain($0).items[kind, default: 0]) })
                }
            ).under("by_domain"),
            .bar(
                id: "open_queries_by_age",
                title: "Open licensing queries by age",
                data: ReportDays.ageBuckets.indices.map { index in
                    (ReportDays.ageBuckets[index].label, Double(openByAge[index].values.reduce(0, +)))
                }
            ),
        ]
        return document
    }

    /// The records of one technology domain.
    struct Domain {
        var all = RecordTally()
        var items: [String: Int] = [:]
        var openQueries = 0

        mutating func add(_ record: ReportRecord, item: String?) {
            all.add(record)
            if let item { items[item, default: 0] += 1 }
            if item == "licensing_query", !closed.contains(record.status) { openQueries += 1 }
        }
    }

    static func item(_ record: ReportRecord) -> String? { record.text("strategic_trade.item") }
    static func label(_ domain: String) -> String { domain.isEmpty ? "Not set" : ReportLabels.value(domain) }
    /// Open queries by age bucket (rows) and domain (columns), from their counts by bucket and
    /// domain ("" for none: a "Not set" column, when any has none, so that each row's cells add
    /// up to its total).
    static func ageTable(_ openByAge: [[String: Int]]) -> ReportTable {
        let counted = Set(openByAge.flatMap(\.keys))
        let domains =
            StrategicTradePlugin.domains
            + counted.subtracting(StrategicTradePlugin.domains).sorted { $0.isEmpty == $1.isEmpty ? $0 < $1 : $1.isEmpty }
        return ReportTable(
            id: "open_queries_by_age",
            title: "Open licensing queries by age and domain",
            columns: ["Age"] + domains.map { ReportColumn(label($0)) } + ["Total"],
            rows: ReportDays.ageBuckets.indices.map { index in
                [.text(ReportDays.ageBuckets[index].label)]
                    + domains.map { .count(openByAge[index][$0, default: 0]) }
                    + [.count(openByAge[index].values.reduce(0, +))]
            }
        ).withTotals()
    }
}
