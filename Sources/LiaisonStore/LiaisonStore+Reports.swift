import LiaisonCore
public import LiaisonReports

extension LiaisonStore {
    /// Every live record as reports see it, read from the display values kept beside each state.
    public func reportRecords() async throws -> [ReportRecord] {
        try await displayedRecords().map {
            ReportRecord(id: $0.id, fields: $0.values, conflicted: $0.conflicted, updatedAt: $0.updatedAt)
        }
    }
}

extension PluginRegistry {
    /// Builds a report over every live record of `store`: reads the display values the store
    /// keeps beside each state (one transaction), filters by office and period, and builds
    /// the document.
    ///
    /// ```swift
    /// let doc = try await registry.report(ReportRequest(id: "sccp"), from: store)
    /// print(ReportRenderer.render(doc, as: .md))
    /// ```
    /// - Throws: ``ReportRequestError`` for a bad request, or the store's errors.
    public func report(_ request: ReportRequest, from store: LiaisonStore) async throws -> ReportDocument {
        try validate(request)
        return report(request, records: try await store.reportRecords())
    }

    /// Builds and renders a report over every record of `store`.
    public func render(_ request: ReportRequest, as format: ReportFormat, from store: LiaisonStore) async throws -> String {
        ReportRenderer.render(try await report(request, from: store), as: format)
    }
}
