public import LiaisonCore

/// The loaded plugins, always in a stable order (sorted by id), with the schema they
/// compose and every report they offer.
public struct PluginRegistry: Sendable {
    /// The plugins, sorted by id.
    public let plugins: [any TrackPlugin]
    /// The record schema: core fields plus every plugin's track fields.
    public let schema: Schema

    /// A registry of `plugins`.
    public init(plugins: [any TrackPlugin]) {
        self.plugins = plugins.sorted { $0.id < $1.id }
        let tracks = Dictionary(CoreSchema.tracks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            .merging(self.plugins.map { ($0.track.id, $0.track) }, uniquingKeysWith: { _, plugin in plugin })
        schema = Schema(tracks: Array(tracks.values), trackFields: self.plugins.flatMap(\.fields))
    }

    /// Every report: the core overview first, then each plugin's, in plugin order.
    public var reports: [ReportDeclaration] {
        [OverviewReport.declaration] + plugins.flatMap(\.reports)
    }

    /// Which records report `id` reads and which of their fields: `nil` for an unknown report.
    public func scope(ofReport id: String) -> ReportScope? {
        if id == OverviewReport.declaration.id { return ReportScope(track: nil, fields: OverviewReport.reportFields) }
        return plugins.first { plugin in plugin.reports.contains { $0.id == id } }
            .map { ReportScope(track: $0.track.id, fields: $0.reportFields) }
    }

    /// Builds report `id` from `input`, which already holds only the records of the report's
    /// scope (``scope(ofReport:)``) that pass the office and period filters. `nil` for an
    /// unknown report id.
    public func build(_ id: String, input: ReportInput) -> ReportDocument? {
        if id == OverviewReport.declaration.id { return OverviewReport.build(input, schema: schema) }
        return plugins.lazy.compactMap { $0.report(id, input: input) }.first
    }

    /// Builds report `id` over `records` held in memory (deleted ones already left out),
    /// filtered by office and period; a plugin's report sees the records of its own track
    /// only. `nil` for an unknown report id.
    public func report(
        _ id: String,
        records: [ReportRecord],
        office: String?,
        period: ReportPeriod,
        today: String,
        generatedAt: String
    ) -> ReportDocument? {
        guard let scope = scope(ofReport: id) else { return nil }
        let kept = records.filter { record in
            (office == nil || record.office == office)
                && (period.from.map { record.date >= $0 } ?? true)
                && (period.to.map { record.date <= $0 } ?? true)
                && (scope.track.map { record.tracks.contains($0) } ?? true)
        }
        return build(
            id,
            input: ReportInput(
                records: kept,
                office: office,
                period: period,
                today: today,
                generatedAt: generatedAt
            )
        )
    }
}

/// The records a report reads: every record, or those of one track; and the fields whose
/// display values it reads beyond the facts every ``ReportRecord`` carries.
public struct ReportScope: Hashable, Sendable {
    /// The track whose records the report reads, or `nil` for every record.
    public let track: String?
    /// The fields it reads (``TrackPlugin/reportFields``), each once, sorted: the order a
    /// ``ReportRecord`` keeps its values in.
    public let fields: [String]

    /// A scope: the records of `track` (every record when `nil`), carrying `fields`.
    public init(track: String?, fields: [String]) {
        self.track = track
        self.fields = Set(fields).sorted()
    }
}
