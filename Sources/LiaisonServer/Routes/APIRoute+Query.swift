extension APIRoute {
    /// The query parameters the route takes; any other is refused (400, naming it) before the
    /// route runs. `nil` for `GET /metrics`, which reads none but leaves scrapers free to add
    /// their own (Prometheus's `params`), as exporters do.
    public var queryParameters: Set<String>? {
        switch self {
        case .metrics: nil
        case .listRecords: ["track", "office", "status", "conflicted", "deleted", "q", "sort", "limit", "offset", "cursor", "format"]
        case .listConflicts: ["sort", "limit", "offset", "cursor"]
        case .recordHistory, .listQuarantine: ["limit", "cursor"]
        case .getReport: ["format", "office", "from", "to", "table"]
        // What every release's pull sends: since, limit and for (protocol 1), events_since (2),
        // paged_events and events_after (2026.12.05.3, to a node that lists paged_events),
        // max_bytes (2026.12.06.2, to a node that lists sized_pages).
        case .syncChanges: ["since", "limit", "for", "events_since", "paged_events", "events_after", "max_bytes"]
        case .health, .node, .status, .createRecord, .getRecord, .updateRecord, .deleteRecord, .resolveRecord,
            .pushChanges, .listPeers, .syncNow, .listTokens, .createToken, .revokeToken, .dropQuarantine,
            .dropAllQuarantine, .listReports, .listUsers, .createUser, .updateUser, .unlockUser, .createSession, .updateSession,
            .deleteSession:
            []
        }
    }
}
