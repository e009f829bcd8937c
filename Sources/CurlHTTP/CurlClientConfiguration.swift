/// Settings shared by every request a ``CurlClient`` sends.
public struct CurlClientConfiguration: Sendable {
    /// The time allowed to open a connection (including TLS handshake), in seconds.
    public var connectTimeout: Double = 5
    /// The time allowed for a whole request, in seconds, unless the request sets ``HTTPRequest/timeout``.
    /// Zero or less means no limit.
    public var totalTimeout: Double = 30
    /// A PEM file of CA certificates used to verify peers; `nil` uses the system's bundle.
    public var caFile: String? = nil
    /// Whether to verify the peer's certificate and host name. Turn off only in tests.
    public var verifyPeer: Bool = true
    /// Whether to send `Accept-Encoding: gzip` and decode gzip-compressed bodies.
    public var acceptCompressed: Bool = true
    /// How many threads perform transfers; also how many transfers run at once.
    public var workerThreads: Int = 2
    /// The largest (decoded) response body accepted, in bytes; a larger one fails with
    /// ``CurlError/Code/responseTooLarge``.
    public var maxResponseBytes: Int = 64 << 20

    /// Creates a configuration with the defaults above.
    public init() {}

    /// Creates a configuration.
    public init(
        connectTimeout: Double = 5,
        totalTimeout: Double = 30,
        caFile: String? = nil,
        verifyPeer: Bool = true,
        acceptCompressed: Bool = true,
        workerThreads: Int = 2,
        maxResponseBytes: Int = 64 << 20
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.caFile = caFile
        self.verifyPeer = verifyPeer
        self.acceptCompressed = acceptCompressed
        self.workerThreads = workerThreads
        self.maxResponseBytes = maxResponseBytes
    }
}
