/// What a report is built from: the records that pass the office and period filters (and,
/// for a plugin's report, are in its track), not deleted, with the filters themselves so the
/// report can state them.
public struct ReportInput: Sendable {
    /// The records to report on, streamed.
    public let records: ReportRecords
    /// How many of them have open conflicts (their figures are provisional).
    public let provisionalCount: Int
    /// The office filter, if any (a slug).
    public let office: String?
    /// The period filter.
    public let period: ReportPeriod
    /// Today's date (`YYYY-MM-DD`), for ages ("open for 120 days").
    public let today: String
    /// When the report is generated (ISO 8601).
    public let generatedAt: String

    /// An input of records streamed from elsewhere (a store), with their provisional count.
    public init(
        records: ReportRecords,
        provisionalCount: Int,
        office: String?,
        period: ReportPeriod,
        today: String,
        generatedAt: String
    ) {
        self.records = records
        self.provisionalCount = provisionalCount
        self.office = office
        self.period = period
        self.today = today
        self.generatedAt = generatedAt
    }

    /// An input of records held in memory.
    public init(records: [ReportRecord], office: String?, period: ReportPeriod, today: String, generatedAt: String) {
        self.init(
            records: ReportRecords(records),
            provisionalCount: records.count { $0.conflicted },
            office: office,
            period: period,
            today: today,
            generatedAt: generatedAt
        )
    }

    /// A document with this input's period, filters, generation time and provisional count
    /// (records with open conflicts) already filled in.
    public func document(id: String, title: String, subtitle: String? = nil) -> ReportDocument {
        var filters: [ReportFilter] = []
        if let office { filters.append(ReportFilter("Office", ReportLabels.office(office))) }
        return ReportDocument(
            id: id,
            title: title,
            subtitle: subtitle,
            period: period.isUnbounded ? nil : period,
            filters: filters,
            generatedAt: generatedAt,
            provisionalCount: provisionalCount
        )
    }
}
