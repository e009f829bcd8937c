import Foundation
public import Hummingbird
import LiaisonCore
public import LiaisonReports
public import LiaisonStore
import NIOCore

/// The CSV downloads the API and the web page both offer: records (`GET /v1/records?format=csv`,
/// the page's "Download CSV") and one table of a report.
public enum CSVDownload {
    /// The records of `query` as ``RecordCSV``, streamed chunk by chunk as the store reads them
    /// (a whole list never sits in memory), as an attachment named `records.csv`.
    public static func records(store: LiaisonStore, query: RecordQuery) -> Response {
        let csv = RecordCSV(schema: store.schema)
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: csv.header))
            for try await chunk in store.displayedChunks(matching: query) {
                var text = ""
                for each in chunk { text += csv.line(id: each.record.id, values: each.record.values, deleted: each.deleted, version: each.version) }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"records.csv\""],
            body: body
        )
    }

    /// One table of a report as CSV, named `<report>-<table>.csv`; 404 naming the tables there are.
    public static func reportTable(
        _ report: ReportRequest,
        table: String,
        plugins: PluginRegistry,
        store: LiaisonStore
    ) async throws -> Response {
        let document: ReportDocument
        do {
            document = try await plugins.report(report, from: store)
        } catch let error as ReportRequestError {
            throw APIError.badRequest(error.description.replacingOccurrences(of: "--", with: ""))
        }
        guard let csv = CSVRenderer().table(table, of: document) else {
            let known = CSVRenderer().tableIDs(document).joined(separator: ", ")
            throw APIError.notFound("report \(report.id) has no table \"\(table.prefix(80))\"; tables: \(known)")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: ReportFormat.csv.contentType,
                .contentDisposition: "attachment; filename=\"\(report.id)-\(CSVRenderer.fileBaseName(table)).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv))
        )
    }
}
