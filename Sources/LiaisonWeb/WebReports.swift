import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonReports
import LiaisonStore

/// `GET /reports`, `GET /reports/{id}` (the report in the page, with its charts) and
/// `GET /reports/{id}/download?format=csv|md`.
extension WebRoutes {
    @Sendable func reportsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let cards = plugins.reports.map { report -> HTML in
            """
            <a class="card" href="/reports/\(report.id)"><h2>\(report.title)</h2><p class="muted">\(report.summary)</p></a>
            """
        }
        return try await render(
            "Reports",
            user: user,
            section: .reports,
            body: """
                <h1>Reports</h1>
                <p>Each report counts this office's copy of the records (every office's records, as far as sync has brought them).
                Open one to filter it by office and period, and to download it as CSV (for Excel) or Markdown.</p>
                <div class="report-list">\(cards)</div>
                """
        )
    }

    @Sendable func reportPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let (report, filters) = try reportRequest(request, context)
        let declaration = plugins.reports.first { $0.id == report.id }
        var problem: HTML?
        var fragment: HTML = .empty
        var tableLinks: [(id: String, title: String)] = []
        do {
            let document = try await plugins.report(report, from: store)
            fragment = HTML(raw: HTMLRenderer().renderFragment(document))
            tableLinks = CSVRenderer().tableTitles(document)
        } catch let error as ReportRequestError {
            problem = WebNotice.error(error.forQuery)
        }
        let query = WebForm.query(filters)
        let suffix = query.isEmpty ? "" : "&" + query
        return try await render(
            declaration?.title ?? report.id,
            user: user,
            section: .reports,
            status: problem == nil ? .ok : .badRequest,
            notice: problem,
            body: """
                <p><a href="/reports">← All reports</a></p>
                <form class="card filters" method="get" action="/reports/\(report.id)" aria-label="Report filters">
                \(select("office", "Office", CoreSchema.offices.map { ($0, WebFormat.office($0)) }, report.office, any: "All offices"))
                <div><label for="from">From</label><input type="date" id="from" name="from" value="\(report.period.from)"></div>
                <div><label for="to">To</label><input type="date" id="to" name="to" value="\(report.period.to)"></div>
                <div class="actions"><button type="submit">Show</button>
                <a class="button secondary" href="/reports/\(report.id)/download?format=csv\(suffix)" download>Download CSV</a>
                <a class="button secondary" href="/reports/\(report.id)/download?format=md\(suffix)" download>Download Markdown</a></div>
                </form>
                <div class="report-frame">\(fragment)</div>
                \(tableLinks.isEmpty ? HTML.empty : """
                <p class="muted table-csv">One table as CSV: \(HTML.join(tableLinks.map { link -> HTML in
                    "<a href=\"/reports/\(report.id)/download?format=csv&amp;table=\(link.id)\(suffix)\" download>\(link.title)</a>"
                }, separator: " · "))</p>
                """)
                """
        )
    }

    @Sendable func reportDownload(_ request: Request, _ context: WebContext) async throws -> Response {
        let (report, _) = try reportRequest(request, context)
        let query = WebForm.query(of: request)
        let format = try ReportFormat(query: query["format"], default: .csv)
        if let table = query.text("table") {
            // As the API: one table is CSV (`table=about&format=html` gave the whole report).
            guard format == .csv else {
                throw APIError.badRequest("\"table\" gives one table as CSV; leave out format or give format=csv")
            }
            return try await CSVDownload.reportTable(report, table: table, plugins: plugins, store: store, forSpreadsheet: true)
        }
        let document: ReportDocument
        do {
            document = try await plugins.report(report, from: store)
        } catch let error as ReportRequestError {
            throw APIError.badRequest(error.forQuery)
        }
        let name = report.fileName(provisional: document.provisionalCount > 0, fileExtension: format.fileExtension)
        return Response(
            status: .ok,
            headers: CSVDownload.downloadHeaders(contentType: format.contentType, fileName: name),
            body: .init(
                byteBuffer: ByteBuffer(string: (format == .csv ? CSVDownload.byteOrderMark : "") + ReportRenderer.render(document, as: format))
            )
        )
    }

    /// The report request of the `{id}` parameter and the `office`, `from`, `to` query.
    private func reportRequest(_ request: Request, _ context: WebContext) throws -> (ReportRequest, [(String, String?)]) {
        let id = context.parameters.decoded("id")
        guard plugins.reports.contains(where: { $0.id == id }) else {
            throw APIError.notFound("There is no report \"\(id)\".")
        }
        let query = WebForm.query(of: request)
        let filters: [(String, String?)] = [("office", query.text("office")), ("from", query.text("from")), ("to", query.text("to"))]
        return (
            ReportRequest(
                id: id,
                office: query.text("office"),
                period: ReportPeriod(from: query.text("from"), to: query.text("to"))
            ), filters
        )
    }
}
