import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// `GET /v1/records?format=csv`: every match as CSV, streamed.
extension APIHandlers {
    /// The records of `query` as ``RecordCSV``, written chunk by chunk as the store reads them
    /// (a whole list never sits in memory), as an attachment named `records.csv`; a search
    /// during a bulk load is refused (``CSVDownload/searchDuringBulkLoad``).
    func csvList(_ query: RecordQuery) async throws -> Response {
        try await CSVDownload.records(store: store, query: query)
    }
}
