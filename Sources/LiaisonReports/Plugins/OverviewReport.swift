public import LiaisonCore

/// The core overview report: office × track counts, the status funnel, pipeline value by
/// basis, stale records and open conflicts, across every track.
///
/// - Pipeline value is ``PipelineValue``: the `value_usd` of open records; won and lost value
///   are figures of their own. *Verified* is the pipeline value of open records whose
///   `value_basis` is `verified`, *estimated* that of `estimate` and `client_reported` (and of
///   records with a value but no basis).
/// - A record is *stale* when it is open (not closed won or lost) and its last write is more
///   than ``staleDays`` days before today.
public enum OverviewReport {
    /// Its declaration; its id is `overview`.
    public static let declaration = ReportDeclaration(
        id: "overview",
        title: "Overview",
        summary: "Every office and track at a glance."
    )

    /// The fields it reads beyond the facts every record carries.
    public static let reportFields = ["title", "value_basis"]

    /// Days without a write after which an open record counts as stale.
    public static let staleDays = 90

    /// Builds the overview from the input's records.
    public static func build(_ input: ReportInput, schema: Schema) -> ReportDocument {
        var tally = Tally(tracks: schema.tracks, today: input.today)
        for record in input.records { tally.add(record) }
        return document(tally, input: input, tracks: schema.tracks)
    }

    /// Builds the overview from the counts a store keeps of the input's records (the input's
    /// own records are not read): the same document as ``build(_:schema:)`` over the records.
    public static func build(_ counts: OverviewCounts, input: ReportInput, schema: Schema) -> ReportDocument {
        var tally = Tally(tracks: schema.tracks, today: input.today)
        tally.add(counts)
        return document(tally, input: input, tracks: schema.tracks)
    }

    private static func document(_ tally: Tally, input: ReportInput, tracks: [TrackDeclaration]) -> ReportDocument {
        var document = input.document(
            id: declaration.id,
            title: "Liaison overview",
            subtitle: "Every office and track: counts, the status funnel, pipeline value and records needing attention."
        )
        let funnel = tally.funnel
        let value = { (group: String) in tally.byBasis[group]?.value ?? 0 }

        document.keyFigures =
            [
                KeyFigure("Records", .count(tally.count))
            ] + tally.pipeline.keyFigures + [
                KeyFigure("Verified pipeline value", .money(value("verified"))),
                KeyFigure("Estimated pipeline value", .money(value("estimate") + value("client_reported") + value(""))),
                KeyFigure(
                    "Closed won",
                    .count(funnel.atStatus["closed_won", default: 0]),
                    note: funnel.overallConversion.map { "\(ReportFormatting.percent($0)) of identified" }
                ),
                KeyFigure("No activity in \(staleDays) days", .count(tally.staleCount), note: "open records"),
                KeyFigure("Open conflicts", .count(document.provisionalCount)),
            ]
        document.tables = [
            officeTrackTable(tally, tracks: tracks),
            funnel.table(),
            basisTable(tally),
            attentionTable(tally),
            staleList(tally.oldestStale, today: input.today),
        ]
        document.charts = [
            ReportChart(
                id: "records_by_office_track",
                title: "Records by office and track",
                kind: .stackedBar,
                categories: CoreSchema.offices.map(ReportLabels.office),
                series: tracks.indices.map { track in
                    ChartSeries(tracks[track].title, CoreSchema.offices.indices.map { Double(tally.byOfficeTrack[$0][track]) })
                },
                caption: "A record in several tracks counts once in each."
            ).under("office_track"),
            funnel.chart(),
            .bar(
                id: "value_by_basis",
                title: "Pipeline value by basis",
                data: basisGroups.map { (basisLabel($0), value($0)) },
                valueKind: .money
            ),
        ]
        return document
    }

    /// Everything the overview counts, one record at a time (offices in
    /// ``CoreSchema/offices`` order, tracks in the schema's order).
    struct Tally {
        var count = 0
        var pipeline = PipelineValue()
        var funnel = StatusFunnel()
        var byOfficeTrack: [[Int]]
        var records = Array(repeating: 0, count: CoreSchema.offices.count)
        var staleByOffice = Array(repeating: 0, count: CoreSchema.offices.count)
        var conflicted = Array(repeating: 0, count: CoreSchema.offices.count)
        /// Open records and their value by basis group.
        var byBasis: [String: RecordTally] = [:]
        var staleCount = 0
        /// The stale records seen longest without activity: fewer than twice ``staleListLength``,
        /// so that memory does not grow with the store.
        private var stale: [ReportRecord] = []
        /// Office slugs and track ids, found by comparing: cheaper than hashing for a handful.
        private let offices = CoreSchema.offices
        private let trackIDs: [String]
        /// Once ``staleListLength`` stale records are kept, a record at or after this one
        /// (by last write, then id) cannot be listed.
        private var staleCutoff: ReportRecord?
        private let todayNumber: Int?

        init(tracks: [TrackDeclaration], today: String) {
            trackIDs = tracks.map(\.id)
            byOfficeTrack = Array(repeating: Array(repeating: 0, count: tracks.count), count: CoreSchema.offices.count)
            todayNumber = ReportDays.number(today)
        }

        mutating func add(_ record: ReportRecord) {
            add(
                office: record.office,
                status: record.status,
                tracks: record.tracks,
                conflicted: record.conflicted,
                valueBasis: basisGroup(record),
                count: 1,
                value: record.valueUSD
            )
            // ``OverviewReport/isStale(_:today:)``, with today worked out once.
            let isStale =
                todayNumber.map { today in
                    PipelineValue.isOpen(record) && today - ReportDays.dayNumber(millis: record.updatedAt) > staleDays
                } ?? false
            guard isStale else { return }
            addStale(1, office: record.office)
            if staleCutoff.map({ (record.updatedAt, record.id) < ($0.updatedAt, $0.id) }) ?? true {
                stale.append(record)
                if stale.count >= 2 * staleListLength { keepOldestStale() }
            }
        }

        /// Adds the records a store counted: the same tally as adding each of them.
        mutating func add(_ counts: OverviewCounts) {
            for group in counts.groups {
                add(
                    office: group.office,
                    status: group.status,
                    tracks: group.tracks,
                    conflicted: group.conflicted,
                    valueBasis: group.valueBasis,
                    count: group.count,
                    value: group.value
                )
            }
            for (office, stale) in counts.staleByOffice { addStale(stale, office: office) }
            stale = Array(counts.oldestStale.prefix(staleListLength))
        }

        /// Adds `count` records alike in what the overview tallies, whose values sum to `value`.
        private mutating func add(
            office: String,
            status: String,
            tracks: [String],
            conflicted: Bool,
            valueBasis: String,
            count: Int,
            value: Double
        ) {
            self.count += count
            pipeline.add(value: value, status: status)
            funnel.add(count: count, value: value, status: status)
            if PipelineValue.isOpen(status: status) {
                byBasis[valueBasis, default: RecordTally()].add(count: count, value: value)
            }
            guard let office = offices.firstIndex(of: office) else { return }
            records[office] += count
            if conflicted { self.conflicted[office] += count }
            for track in tracks {
                if let index = trackIDs.firstIndex(of: track) { byOfficeTrack[office][index] += count }
            }
        }

        /// Adds `count` stale records of `office`.
        private mutating func addStale(_ count: Int, office: String) {
            staleCount += count
            if let index = offices.firstIndex(of: office) { staleByOffice[index] += count }
        }

        /// The stale records longest without activity, oldest first (at most ``staleListLength``).
        var oldestStale: [ReportRecord] {
            Array(stale.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }.prefix(staleListLength))
        }

        private mutating func keepOldestStale() {
            stale = oldestStale
            staleCutoff = stale.last
        }
    }

    /// How many stale records the overview lists.
    public static let staleListLength = 25

    /// Whether an open record's last write is more than ``staleDays`` days before `today`.
    public static func isStale(_ record: ReportRecord, today: String) -> Bool {
        guard PipelineValue.isOpen(record),
            let days = ReportDays.since(millis: record.updatedAt, today: today)
        else { return false }
        return days > staleDays
    }

    static let basisGroups = ["verified", "client_reported", "estimate", ""]

    static func basisGroup(_ record: ReportRecord) -> String { record.text("value_basis") ?? "" }

    static func basisLabel(_ group: String) -> String { group.isEmpty ? "Basis not given" : ReportLabels.value(group) }

    static func officeTrackTable(_ tally: Tally, tracks: [TrackDeclaration]) -> ReportTable {
        ReportTable(
            id: "office_track",
            title: "Records by office and track",
            columns: ["Office"] + tracks.map { ReportColumn(id: $0.id, title: $0.title) } + ["Records"],
            rows: CoreSchema.offices.indices.map { office in
                [.text(ReportLabels.office(CoreSchema.offices[office]))]
                    + tally.byOfficeTrack[office].map { .count($0) } + [.count(tally.records[office])]
            }
        ).withTotals()
    }

    static func basisTable(_ tally: Tally) -> ReportTable {
        ReportTable(
            id: "value_by_basis",
            title: "Pipeline value (open records): verified and estimated",
            columns: ["Basis", "Open records", "Value (USD)"],
            rows: basisGroups.map { group in
                [
                    .text(basisLabel(group)), .count(tally.byBasis[group]?.count ?? 0),
                    .money(tally.byBasis[group]?.value ?? 0),
                ]
            }
        ).withTotals()
    }

    static func attentionTable(_ tally: Tally) -> ReportTable {
        ReportTable(
            id: "attention_by_office",
            title: "Records needing attention by office",
            columns: ["Office", "Records", ReportColumn("No activity in \(staleDays) days"), "Open conflicts"],
            rows: CoreSchema.offices.indices.map { office in
                [
                    .text(ReportLabels.office(CoreSchema.offices[office])), .count(tally.records[office]),
                    .count(tally.staleByOffice[office]), .count(tally.conflicted[office]),
                ]
            }
        ).withTotals()
    }

    /// The stale records, longest without activity first (``Tally/oldestStale``).
    static func staleList(_ oldest: [ReportRecord], today: String) -> ReportTable {
        ReportTable(
            id: "stale_records",
            title: "Open records longest without activity (up to 25)",
            columns: ["Record", "Title", "Office", "Status", "Last activity", "Days"],
            rows: oldest.map { record in
                [
                    .text(record.id), .text(record.text("title") ?? ""), .text(ReportLabels.office(record.office)),
                    .text(ReportLabels.status(record.status)), .text(String(Timestamp.iso(record.updatedAt).prefix(10))),
                    .count(ReportDays.since(millis: record.updatedAt, today: today) ?? 0),
                ]
            }
        )
    }
}
