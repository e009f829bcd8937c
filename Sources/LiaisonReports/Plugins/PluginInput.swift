/// What a report is built from: the records that pass the office and period filters,
/// not deleted, with the filters themselves so the report can state them.
public struct ReportInput: Sendable {
    /// The records to report on.
    public let records: [ReportRecord]
    /// The office filter, if any (a slug).
    public let office: String?
    /// The period filter.
    public let period: ReportPeriod
    /// Today's date (`YYYY-MM-DD`), for ages ("open for 120 days").
    public let today: String
    /// When the report is generated (ISO 8601).
    public let generatedAt: String

    /// An input.
    public init(records: [ReportRecord], office: String?, period: ReportPeriod, today: String, generatedAt: String) {
        self.records = records
        self.office = office
        self.period = period
        self.today = today
        self.generatedAt = generatedAt
    }

    /// This input with only the records of `track`: what a track plugin's reports are built
    /// from, so that their documents count that track's provisional records only.
    public func restricted(toTrack track: String) -> ReportInput {
        ReportInput(records: records.filter { $0.tracks.contains(track) }, office: office, period: period,
                    today: today, generatedAt: generatedAt)
    }

    /// A document with this input's period, filters, generation time and provisional count
    /// (records with open conflicts) already filled in.
    public func document(id: String, title: String, subtitle: String? = nil) -> ReportDocument {
        var filters: [ReportFilter] = []
        if let office { filters.append(ReportFilter("Office", ReportLabels.office(office))) }
        return ReportDocument(
            id: id, title: title, subtitle: subtitle,
            period: period.from == nil && period.to == nil ? nil : period,
            filters: filters, generatedAt: generatedAt,
            provisionalCount: records.filter(\.conflicted).count)
    }
}
