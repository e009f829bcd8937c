import LiaisonCore

/// The core overview report: office × track counts, the status funnel, pipeline value by
/// basis, stale records and open conflicts, across every track.
///
/// - Value is `value_usd`; *verified* is the value of records whose `value_basis` is
///   `verified`, *estimated* that of `estimate` and `client_reported` (and of records with a
///   value but no basis).
/// - A record is *stale* when it is open (not closed won or lost) and its last write is more
///   than ``staleDays`` days before today.
public enum OverviewReport {
    /// Its declaration; its id is `overview`.
    public static let declaration = ReportDeclaration(
        id: "overview", title: "Overview", summary: "Every office and track at a glance.")

    /// Days without a write after which an open record counts as stale.
    public static let staleDays = 90

    /// Builds the overview.
    public static func build(_ input: ReportInput, schema: Schema) -> ReportDocument {
        var document = input.document(
            id: declaration.id, title: "Liaison overview",
            subtitle: "Every office and track: counts, the status funnel, pipeline value and records needing attention.")
        let records = input.records
        let tracks = schema.tracks
        let funnel = StatusFunnel(records)
        let stale = records.filter { isStale($0, today: input.today) }
        let conflicted = records.filter(\.conflicted)
        let basis = Dictionary(grouping: records) { basisGroup($0) }
        let value = { (group: String) in (basis[group] ?? []).reduce(0) { $0 + $1.valueUSD } }

        document.keyFigures = [
            KeyFigure("Records", .count(records.count)),
            KeyFigure("Pipeline value", .money(records.reduce(0) { $0 + $1.valueUSD })),
            KeyFigure("Verified value", .money(value("verified"))),
            KeyFigure("Estimated value", .money(value("estimate") + value("client_reported") + value(""))),
            KeyFigure("Closed won", .count(funnel.atStatus["closed_won", default: 0]),
                      note: funnel.overallConversion.map { "\(ReportFormatting.percent($0)) of identified" }),
            KeyFigure("No activity in \(staleDays) days", .count(stale.count), note: "open records"),
            KeyFigure("Open conflicts", .count(conflicted.count)),
        ]
        document.tables = [
            officeTrackTable(records, tracks: tracks),
            funnel.table(),
            basisTable(basis),
            attentionTable(records, stale: stale),
            staleList(stale, today: input.today),
        ]
        let byOffice = Dictionary(grouping: records, by: \.office)
        document.charts = [
            ReportChart(
                id: "records_by_office_track", title: "Records by office and track", kind: .stackedBar,
                categories: CoreSchema.offices.map(ReportLabels.office),
                series: tracks.map { track in
                    ChartSeries(track.title, CoreSchema.offices.map { office in
                        Double((byOffice[office] ?? []).filter { $0.tracks.contains(track.id) }.count)
                    })
                },
                caption: "A record in several tracks counts once in each."),
            funnel.chart(),
            .bar(id: "value_by_basis", title: "Pipeline value by basis",
                 data: basisGroups.map { (basisLabel($0), value($0)) }, valueKind: .money),
        ]
        return document
    }

    /// Whether an open record's last write is more than ``staleDays`` days before `today`.
    public static func isStale(_ record: ReportRecord, today: String) -> Bool {
        guard record.status != "closed_won", record.status != "closed_lost",
              let days = ReportDays.since(millis: record.updatedAt, today: today)
        else { return false }
        return days > staleDays
    }

    static let basisGroups = ["verified", "client_reported", "estimate", ""]

    static func basisGroup(_ record: ReportRecord) -> String { record.text("value_basis") ?? "" }

    static func basisLabel(_ group: String) -> String { group.isEmpty ? "Basis not given" : ReportLabels.value(group) }

    static func officeTrackTable(_ records: [ReportRecord], tracks: [TrackDeclaration]) -> ReportTable {
        let byOffice = Dictionary(grouping: records, by: \.office)
        return ReportTable(
            id: "office_track", title: "Records by office and track",
            columns: ["Office"] + tracks.map { ReportColumn(id: $0.id, title: $0.title) } + ["Records"],
            rows: CoreSchema.offices.map { office in
                let group = byOffice[office] ?? []
                return [.text(ReportLabels.office(office))]
                    + tracks.map { track in .count(group.filter { $0.tracks.contains(track.id) }.count) }
                    + [.count(group.count)]
            }
        ).withTotals()
    }

    static func basisTable(_ basis: [String: [ReportRecord]]) -> ReportTable {
        ReportTable(
            id: "value_by_basis", title: "Pipeline value: verified and estimated",
            columns: ["Basis", "Records", "Value (USD)"],
            rows: basisGroups.map { group in
                let records = basis[group] ?? []
                return [.text(basisLabel(group)), .count(records.count), .money(records.reduce(0) { $0 + $1.valueUSD })]
            }
        ).withTotals()
    }

    static func attentionTable(_ records: [ReportRecord], stale: [ReportRecord]) -> ReportTable {
        let byOffice = Dictionary(grouping: records, by: \.office)
        let staleByOffice = Dictionary(grouping: stale, by: \.office)
        return ReportTable(
            id: "attention_by_office", title: "Records needing attention by office",
            columns: ["Office", "Records", ReportColumn("No activity in \(staleDays) days"), "Open conflicts"],
            rows: CoreSchema.offices.map { office in
                let group = byOffice[office] ?? []
                return [
                    .text(ReportLabels.office(office)), .count(group.count),
                    .count(staleByOffice[office]?.count ?? 0), .count(group.filter(\.conflicted).count),
                ]
            }
        ).withTotals()
    }

    /// The stale records, longest without activity first (at most 25).
    static func staleList(_ stale: [ReportRecord], today: String) -> ReportTable {
        let sorted = stale.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        return ReportTable(
            id: "stale_records", title: "Open records longest without activity (up to 25)",
            columns: ["Record", "Title", "Office", "Status", "Last activity", "Days"],
            rows: sorted.prefix(25).map { record in
                [
                    .text(record.id), .text(record.text("title") ?? ""), .text(ReportLabels.office(record.office)),
                    .text(ReportLabels.status(record.status)), .text(String(Timestamp.iso(record.updatedAt).prefix(10))),
                    .count(ReportDays.since(millis: record.updatedAt, today: today) ?? 0),
                ]
            })
    }
}
