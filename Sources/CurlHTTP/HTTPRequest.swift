/// One HTTP request for ``CurlClient/send(_:)``.
///
/// ```swift
/// let request = HTTPRequest(
///     method: "POST",
///     url: "http://127.0.0.1:8080/v1/sync/changes",
///     headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")],
///     body: Array(json),
///     timeout: 10
/// )
/// ```
public struct HTTPRequest: Sendable {
    /// The request method, such as `"GET"` or `"POST"`; sent as given.
    public var method: String
    /// The absolute URL (`http://` or `https://`).
    public var url: String
    /// Request header fields, in order. A name may repeat. Names and values must not contain CR or LF.
    public var headers: [(name: String, value: String)]
    /// The request body, or `nil` for none. `POST`, `PUT` and `PATCH` without a body send `Content-Length: 0`.
    public var body: [UInt8]?
    /// The total time allowed for this request, in seconds; overrides ``CurlClientConfiguration/totalTimeout``.
    public var timeout: Double?

    /// Creates a request.
    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        timeout: Double? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
