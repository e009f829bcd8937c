/// How the sync engine reaches a peer: one HTTP request and its answer. In a node it is
/// libcurl (`CurlClient`, see ``SyncConfiguration/makeTransport()``); tests use doubles.
///
/// ```swift
/// let transport = SyncConfiguration(timeout: 10).makeTransport()
/// defer { transport.shutdown() }
/// let engine = SyncEngine(store: store, transport: transport)
/// ```
public protocol SyncTransport: Sendable {
    /// Sends `request` and returns the answer, whatever its status. Throws when no answer
    /// came (connection refused, timeout, TLS failure); the error's description says why.
    func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse

    /// Ends the transport's connections and threads; no request may follow.
    func shutdown()
}

/// A request to a peer.
public struct SyncTransportRequest: Sendable {
    /// `GET` or `POST`.
    public var method: String
    /// The whole URL, query included.
    public var url: String
    /// Header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The body, if any.
    public var body: [UInt8]?

    /// A request.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A peer's answer.
public struct SyncTransportResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body.
    public var body: [UInt8]

    /// An answer.
    public init(status: Int, body: [UInt8] = []) {
        self.status = status
        self.body = body
    }
}
