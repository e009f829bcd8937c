public import Foundation
import LiaisonCore

/// What to report on: the report id, the filters, and the day ages are counted to.
public struct ReportRequest: Sendable {
    /// The report id (`overview`, `critical_minerals`, ...).
    public var id: String
    /// Only records of this office (a slug), if given.
    public var office: String?
    /// Only records whose date (`opened_on`, else their last write) is in this period.
    public var period: ReportPeriod
    /// Today (`YYYY-MM-DD`, UTC), for ages and staleness.
    public var today: String
    /// When the report is generated (ISO 8601).
    public var generatedAt: String

    /// A request; `now` gives today and the generation time.
    public init(id: String, office: String? = nil, period: ReportPeriod = ReportPeriod(), now: Date = Date()) {
        self.id = id
        self.office = office
        self.period = period
        generatedAt = ReportDocument.timestamp(for: now)
        today = String(Timestamp.iso(Timestamp.millis(now)).prefix(10))
    }
}

extension ReportRequest {
    /// The file name a download of this report is saved as: the report id, the filters given
    /// (office, from, to), the `table` when it is one table alone, and `provisional` when some of
    /// the records counted have open conflicts, so that a file in a folder says what it is of
    /// and that its figures may change: `sccp-mumbai-2026-01-01-by_office-provisional.csv`.
    public func fileName(table: String? = nil, provisional: Bool, fileExtension: String) -> String {
        let table = table.map(CSVRenderer.fileBaseName)
        let parts = [id, office, period.from, period.to, table, provisional ? "provisional" : nil]
        return parts.compactMap { $0 }.joined(separator: "-") + "." + fileExtension
    }
}

/// A request that cannot be served: an unknown report id, office or date.
public struct ReportRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, with what is allowed.
    public let description: String

    init(_ description: String) { self.description = description }

    /// The same words for a query or a form, where the command's `--from` is `from`.
    public var forQuery: String { description.replacingOccurrences(of: "--", with: "") }
}

extension PluginRegistry {
    /// Checks a request: the report id, the office and the dates must be known and valid.
    ///
    /// - Throws: ``ReportRequestError`` listing the allowed values.
    public func validate(_ request: ReportRequest) throws(ReportRequestError) {
        guard reports.contains(where: { $0.id == request.id }) else {
            throw ReportRequestError(
                "unknown report \"\(request.id)\"; available reports: \(reports.map(\.id).joined(separator: ", "))"
            )
        }
        if let office = request.office, !CoreSchema.offices.contains(office) {
            throw ReportRequestError(
                "unknown office \"\(office)\"; offices: \(CoreSchema.offices.joined(separator: ", "))"
            )
        }
        for (name, day) in [("from", request.period.from), ("to", request.period.to)] {
            if let day, (try? schema.check(field: "opened_on", value: .text(day))) == nil {
                throw ReportRequestError("--\(name) must be a date YYYY-MM-DD, got \"\(day)\"")
            }
        }
        if let from = request.period.from, let to = request.period.to, from > to {
            throw ReportRequestError("the period starts (\(from)) after it ends (\(to))")
        }
    }

    /// Builds a report over records already loaded (deleted ones left out); the request is
    /// assumed valid (see ``validate(_:)``); an unknown id gives an empty document.
    public func report(_ request: ReportRequest, records: [ReportRecord]) -> ReportDocument {
        report(
            request.id,
            records: records,
            office: request.office,
            period: request.period,
            today: request.today,
            generatedAt: request.generatedAt
        )
            ?? ReportDocument(id: request.id, title: request.id, generatedAt: request.generatedAt)
    }
}
