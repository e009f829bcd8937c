/// The response to an ``HTTPRequest``. Any status, including 4xx and 5xx, is a response, not an error.
public struct HTTPResponse: Sendable {
    /// The HTTP status code, such as 200.
    public var status: Int
    /// The response header fields, names lowercased. Repeated fields are joined with `", "`.
    ///
    /// When the body was decoded from gzip, `content-encoding` still names the encoding that was on the wire.
    public var headers: [String: String]
    /// The response body, already decoded when the server sent it gzip-compressed.
    public var body: [UInt8]
    /// How many bytes the body took on the wire, before decoding (libcurl's
    /// `CURLINFO_SIZE_DOWNLOAD_T`): less than `body.count` when it came compressed.
    public var wireBytes: Int
    /// How many new connections libcurl opened for this request (0 when a kept-alive connection was reused).
    package var newConnections: Int

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.init(status: status, headers: headers, body: body, wireBytes: body.count, newConnections: 0)
    }

    package init(status: Int, headers: [String: String], body: [UInt8], wireBytes: Int, newConnections: Int) {
        self.status = status
        self.headers = headers
        self.body = body
        self.wireBytes = wireBytes
        self.newConnections = newConnections
    }

    /// The value of the header field `name`, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
