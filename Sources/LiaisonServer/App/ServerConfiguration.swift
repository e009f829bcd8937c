import CurlHTTP
import HummingbirdTLS
import LiaisonStore
import LiaisonSync
import Logging

/// How a node's server runs.
///
/// ```swift
/// var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, syncInterval: nil)
/// configuration.onServerRunning = { port in print("listening on \(port)") }
/// ```
public struct ServerConfiguration: Sendable {
    /// The address to bind (`127.0.0.1`, `0.0.0.0`).
    public var host: String
    /// The port to bind; 0 picks a free one, reported to ``onServerRunning``.
    public var port: Int
    /// Seconds between syncs with each peer; `nil` runs no periodic sync.
    public var syncInterval: Double?
    /// The level of the server's log (on stderr).
    public var logLevel: Logger.Level
    /// States per sync batch.
    public var batchRecords = 500
    /// Bytes per sync batch.
    public var batchBytes = 4 << 20
    /// Seconds a sync request may take before it is abandoned.
    public var syncTimeout = 30.0
    /// Seconds the first wait lasts after ``SignInThrottle/freeFailures`` failed sign-ins
    /// (then doubling); tests set a shorter one.
    public var signInBackoff = 1.0
    /// A PEM CA bundle to verify HTTPS peers against (default: the system's).
    public var caFile: String?
    /// A PEM certificate (chain) to serve HTTPS with; with ``tlsKey``. Loaded by ``loadTLS()``.
    public var tlsCertificate: String?
    /// The PEM private key of ``tlsCertificate``.
    public var tlsKey: String?
    /// The TLS settings the server uses: when set, it serves HTTPS. ``loadTLS()`` makes them from
    /// ``tlsCertificate`` and ``tlsKey``; ``buildApplication(_:store:client:logger:metrics:)`` does
    /// too when they are not loaded yet.
    public var tls: TLSConfiguration?

    /// Whether the node serves HTTPS (a TLS configuration, or a certificate and key to load).
    public var servesHTTPS: Bool { tls != nil || (tlsCertificate != nil && tlsKey != nil) }
    /// Called once the server listens, with the port it bound.
    public var onServerRunning: @Sendable (Int) async -> Void

    /// A configuration; by default `127.0.0.1:8080`, syncing every 30 s.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, syncInterval: Double? = 30, logLevel: Logger.Level = .info,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.syncInterval = syncInterval
        self.logLevel = logLevel
        self.onServerRunning = onServerRunning
    }

    /// The server settings of a node's configuration (file, environment and flags resolved).
    public init(_ config: NodeConfig, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.init(host: config.host, port: config.port, syncInterval: config.syncInterval > 0 ? config.syncInterval : nil,
                  logLevel: Logger.Level(rawValue: config.logLevel) ?? .info, onServerRunning: onServerRunning)
        batchRecords = config.batchRecords
        batchBytes = config.batchBytes
        syncTimeout = config.syncTimeout
        caFile = config.caFile
        tlsCertificate = config.tlsCertificate
        tlsKey = config.tlsKey
    }

    /// Loads ``tls`` from ``tlsCertificate`` and ``tlsKey`` (when set); a missing or bad file,
    /// or only one of the two, is a ``ConfigError`` naming the key and the file.
    public mutating func loadTLS() throws {
        if tls == nil { tls = try ServerTLS.load(certificate: tlsCertificate, key: tlsKey) }
    }

    /// `https` when the server serves TLS (or is configured to), `http` otherwise.
    public var scheme: String { tls != nil || tlsCertificate != nil || tlsKey != nil ? "https" : "http" }

    /// A sync engine for `store` with this configuration's batch limits: the one `serve` runs
    /// and the one `liaison sync` uses, so both move batches of the same size.
    public func syncEngine(store: LiaisonStore, client: CurlClient, logger: Logger = Logger(label: "liaison.sync")) -> SyncEngine {
        var engine = SyncEngine(store: store, client: client, logger: logger)
        engine.batchRecords = batchRecords
        engine.batchBytes = batchBytes
        return engine
    }

    /// The HTTP client settings sync uses: enough worker threads that a hanging peer never
    /// holds up the others, and the configured timeout and CA.
    public var clientConfiguration: CurlClientConfiguration {
        CurlClientConfiguration(connectTimeout: min(5, syncTimeout), totalTimeout: syncTimeout, caFile: caFile,
                                workerThreads: 8)
    }
}
