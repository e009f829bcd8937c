import Foundation
import Hummingbird
import LiaisonHTTP
import LiaisonReports
import LiaisonStore

/// `GET /v1/reports` (what reports there are) and `GET /v1/reports/{id}` (one, rendered).
extension APIHandlers {
    @Sendable func listReports(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        .json(
            .object([
                (
                    "reports",
                    .array(
                        plugins.reports.map { report in
                            .object([("id", .string(report.id)), ("title", .string(report.title)), ("summary", .string(report.summary))])
                        }
                    )
                )
            ])
        )
    }

    /// `?format=json|md|html|csv` (default json), `office`, `from`, `to` (YYYY-MM-DD); with
    /// `table=ID`, that table alone as CSV.
    @Sendable func getReport(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let id = context.parameters.decoded("id")
        guard plugins.reports.contains(where: { $0.id == id }) else {
            let known = plugins.reports.map(\.id).joined(separator: ", ")
            throw APIError.notFound("no report \"\(id.prefix(80))\"; reports: \(known)")
        }
        let formatName = try parameters.value("format")
        let format = try ReportFormat(query: formatName, default: .json)
        let report = ReportRequest(
            id: id,
            office: try parameters.filter("office"),
            period: ReportPeriod(from: try parameters.filter("from"), to: try parameters.filter("to"))
        )
        if let table = try parameters.value("table", leftOut: "the whole report") {
            guard format == .csv || formatName == nil else {
                throw APIError.badRequest("query parameter \"table\" gives one table as CSV; leave out format or give format=csv")
            }
            return try await CSVDownload.reportTable(report, table: table, plugins: plugins, store: store)
        }
        let text: String
        do {
            text = try await plugins.render(report, as: format, from: store)
        } catch let error as ReportRequestError {
            throw APIError.badRequest(error.forQuery)
        }
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
