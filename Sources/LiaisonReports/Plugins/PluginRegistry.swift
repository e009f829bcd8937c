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

    /// Builds report `id` over `records` (deleted ones already left out) filtered by office
    /// and period; a plugin's report sees the records of its own track only. `nil` for an
    /// unknown report id.
    public func report(
        _ id: String, records: [ReportRecord], office: String?, period: ReportPeriod, today: String, generatedAt: String
    ) -> ReportDocument? {
        let kept = records.filter { record in
            (office == nil || record.office == office)
                && (period.from.map { record.date >= $0 } ?? true)
                && (period.to.map { record.date <= $0 } ?? true)
        }
        let input = ReportInput(records: kept, office: office, period: period, today: today, generatedAt: generatedAt)
        if id == OverviewReport.declaration.id { return OverviewReport.build(input, schema: schema) }
        return plugins.lazy.compactMap { $0.report(id, input: input.restricted(toTrack: $0.track.id)) }.first
    }
}
