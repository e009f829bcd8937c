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
    /// The body, decoded if it came compressed.
    public var body: [UInt8]
    /// How many bytes the body took on the wire (less than `body.count` when it came compressed).
    public var wireBytes: Int

    /// An answer; `wireBytes` defaults to the body's size.
    public init(status: Int, body: [UInt8] = [], wireBytes: Int? = nil) {
        self.status = status
        self.body = body
        self.wireBytes = wireBytes ?? body.count
    }
}

/// Bytes of sync traffic: as they crossed the wire, and as plain JSON (what they would have
/// been without compression).
public struct SyncBytes: Hashable, Sendable {
    /// Bytes on the wire.
    public var wire = 0
    /// Bytes of JSON before compression.
    public var plain = 0

    /// A count.
    public init(wire: Int = 0, plain: Int = 0) {
        self.wire = wire
        self.plain = plain
    }

    static func += (left: inout SyncBytes, right: SyncBytes) {
        left.wire += right.wire
        left.plain += right.plain
    }
}
