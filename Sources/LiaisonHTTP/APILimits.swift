import LiaisonSync

/// Limits of the HTTP API.
public enum APILimits {
    /// Largest request body on any route (16 MiB); larger ones get 413.
    public static let maxBodyBytes = SyncProtocol.maxBodyBytes
    /// Records per page of `GET /v1/records` when no `limit` is given.
    public static let defaultPageSize = 50
    /// Largest `limit` of `GET /v1/records`.
    public static let maxPageSize = 500
}
