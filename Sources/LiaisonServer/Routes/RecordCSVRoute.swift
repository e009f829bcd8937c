import Hummingbird
import LiaisonCore
import LiaisonStore
import NIOCore

/// `GET /v1/records?format=csv`: every match as CSV, streamed.
extension APIHandlers {
    /// The records of `query` as ``RecordCSV``, written chunk by chunk as the store reads them
    /// (a whole list never sits in memory), as an attachment named `records.csv`.
    func csvList(_ query: RecordQuery) -> Response {
        Self.csvResponse(store: store, query: query)
    }

    /// The streamed CSV response of `query`, shared with the web page's "Download CSV".
    static func csvResponse(store: LiaisonStore, query: RecordQuery) -> Response {
        let csv = RecordCSV(schema: store.schema)
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: csv.header))
            for try await chunk in store.displayedChunks(matching: query) {
                var text = ""
                for record in chunk { text += csv.line(id: record.id, values: record.values) }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"records.csv\""],
            body: body)
    }
}
