import Foundation
public import Hummingbird
import LiaisonCore
public import LiaisonReports
public import LiaisonStore
import NIOCore

/// The CSV downloads the API and the web page both offer: records (`GET /v1/records?format=csv`,
/// the page's "Download CSV") and one table of a report.
public enum CSVDownload {
    /// The mark a file for a spreadsheet starts with: Excel reads a CSV without it as Windows-1252,
    /// so every accent, Hindi name or dash of a download came out garbled, and saved back so.
    /// `liaison import` takes it off. Only the web page's downloads carry it (they are for people);
    /// the API's and the command's are for programs, which it would trip.
    public static let byteOrderMark = "\u{FEFF}"

    /// The records of `query` as ``RecordCSV``, streamed chunk by chunk as the store reads them
    /// (a whole list never sits in memory), as an attachment named `records.csv`; `forSpreadsheet`
    /// starts it with ``byteOrderMark``.
    /// - Throws: ``searchDuringBulkLoad`` for a search (`q`) while this node loads a peer's
    ///   records in bulk: the file would lack the records still loading, and says nothing.
    public static func records(store: LiaisonStore, query: RecordQuery, forSpreadsheet: Bool = false) async throws -> Response {
        if !query.searchWords.isEmpty, try await store.indexesAreAside() { throw searchDuringBulkLoad }
        let csv = RecordCSV(schema: store.schema)
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: (forSpreadsheet ? byteOrderMark : "") + csv.header))
            for try await chunk in store.displayedChunks(matching: query) {
                var text = ""
                for each in chunk { text += csv.line(id: each.record.id, values: each.record.values, deleted: each.deleted, version: each.version) }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: downloadHeaders(contentType: "text/csv; charset=utf-8", fileName: "records.csv"), body: body)
    }

    /// The headers of a download named `fileName`: an attachment that no browser or proxy keeps
    /// (every record, or a report, is private to the office) and that is read as the type it says.
    public static func downloadHeaders(contentType: String, fileName: String) -> HTTPFields {
        [
            .contentType: contentType, .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "no-store",
            HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff",
        ]
    }

    /// The refusal of a search's CSV during a bulk load (a new office's first sync,
    /// `"loading_in_bulk": true`): search finds only the records held before the load
    /// (docs/design.md §13), and a file cannot carry the notice the page shows. 503 with
    /// `Retry-After`, not 409: nothing in the request is wrong or in conflict, the same request
    /// answers once the load ends, and clients that retry (`curl --retry`) wait and retry a 503.
    /// A CSV without a search reads the table and is complete: it is not refused.
    public static let searchDuringBulkLoad = APIError(
        .serviceUnavailable,
        "No records were listed: this office is loading records from a peer in bulk (a first sync), and until the load ends a search finds only the records it held before, so the file could miss some. Try again when the load ends; a download without a search is complete now.",
        headers: [.retryAfter: "60"]
    )

    /// One table of a report as CSV (`forSpreadsheet`: after ``byteOrderMark``), named by ``ReportRequest/fileName(table:provisional:fileExtension:)``
    /// (`<report>-<filters>-<table>[-provisional].csv`: one table has no room for the `about`
    /// table's caveat); 404 naming the tables there are.
    public static func reportTable(
        _ report: ReportRequest,
        table: String,
        plugins: PluginRegistry,
        store: LiaisonStore,
        forSpreadsheet: Bool = false
    ) async throws -> Response {
        let document: ReportDocument
        do {
            document = try await plugins.report(report, from: store)
        } catch let error as ReportRequestError {
            throw APIError.badRequest(error.forQuery)
        }
        guard let csv = CSVRenderer().table(table, of: document) else {
            let known = CSVRenderer().tableIDs(document).joined(separator: ", ")
            throw APIError.notFound("report \(report.id) has no table \"\(table.prefix(80))\"; tables: \(known)")
        }
        return Response(
            status: .ok,
            headers: downloadHeaders(
                contentType: ReportFormat.csv.contentType,
                fileName: report.fileName(table: table, provisional: document.provisionalCount > 0, fileExtension: "csv")
            ),
            body: .init(byteBuffer: ByteBuffer(string: (forSpreadsheet ? byteOrderMark : "") + csv))
        )
    }
}
