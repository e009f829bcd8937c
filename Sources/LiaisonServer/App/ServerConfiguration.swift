public import HummingbirdTLS
public import LiaisonConfig
public import Logging

/// How a node's server runs: the node's settings (``NodeConfig``: file, environment and
/// flags resolved), the TLS settings loaded from them, and what to do once it listens.
///
/// ```swift
/// var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, syncInterval: nil)
/// configuration.onServerRunning = { port in print("listening on \(port)") }
/// ```
public struct ServerConfiguration: Sendable {
    /// The node's settings.
    public var node: NodeConfig
    /// Seconds the first wait lasts after ``SignInThrottle/freeFailures`` failed sign-ins
    /// (then doubling); tests set a shorter one.
    public var signInBackoff = 1.0
    /// Seconds a connection may send nothing (mid-request or between requests) before it is
    /// closed; a client that never finishes its request is dropped.
    public var idleTimeout = 30.0
    /// The TLS settings the server uses: when set, it serves HTTPS. ``loadTLS()`` makes them from
    /// the node's certificate and key; ``buildApplication(_:store:plugins:transport:logger:metrics:)``
    /// does too when they are not loaded yet.
    public var tls: TLSConfiguration?
    /// Called once the server listens, with the port it bound.
    public var onServerRunning: @Sendable (Int) async -> Void

    /// The server settings of a node's configuration.
    public init(_ node: NodeConfig = NodeConfig(), onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.node = node
        self.onServerRunning = onServerRunning
    }

    /// A configuration; by default `127.0.0.1:8080`, syncing every 30 s.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        syncInterval: Double? = 30,
        logLevel: Logger.Level = .info,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.init(NodeConfig(), onServerRunning: onServerRunning)
        node.host = host
        node.port = port
        self.syncInterval = syncInterval
        node.logLevel = logLevel.rawValue
    }

    /// Seconds between syncs with each peer; `nil` runs no periodic sync (the node's 0).
    public var syncInterval: Double? {
        get { node.syncInterval > 0 ? node.syncInterval : nil }
        set { node.syncInterval = newValue ?? 0 }
    }

    /// The level of the server's log (on stderr).
    public var logLevel: Logger.Level { Logger.Level(rawValue: node.logLevel) ?? .info }

    /// Whether the node serves HTTPS (a TLS configuration, or a certificate and key to load).
    public var servesHTTPS: Bool { tls != nil || (node.tlsCertificate != nil && node.tlsKey != nil) }

    /// Loads ``tls`` from the node's certificate and key (when set), and checks the certificates
    /// it trusts for its peers (`sync.ca_file`, when set); a missing or bad file, or only one of
    /// the certificate and key, is a ``ConfigError`` naming the key and the file.
    public mutating func loadTLS() throws {
        if tls == nil { tls = try ServerTLS.load(certificate: node.tlsCertificate, key: node.tlsKey) }
        try ServerTLS.checkTrusted(node.caFile)
    }

    /// `https` when the server serves TLS (or is configured to), `http` otherwise.
    public var scheme: String { tls != nil || node.tlsCertificate != nil || node.tlsKey != nil ? "https" : "http" }
}
