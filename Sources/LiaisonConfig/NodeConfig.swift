import LiaisonStore
public import LiaisonSync

/// A node's settings: the config file `<data dir>/liaison.conf`, then environment variables,
/// then command-line flags, each overriding the one before.
///
/// ```
/// # liaison.conf
/// [server]
/// host = "0.0.0.0"
/// port = 8080
/// [sync]
/// interval = 30
/// [peer.chennai]
/// url = "http://10.0.0.5:8080"
/// token_file = "/etc/liaison/chennai.token"
/// ```
public struct NodeConfig: Hashable, Sendable {
    /// A peer named in the file.
    public struct Peer: Hashable, Sendable {
        /// The peer's name (`chennai`).
        public var name: String
        /// Its base URL.
        public var url: String
        /// The file holding the token to show it.
        public var tokenFile: String
    }

    /// The address to listen on.
    public var host = "127.0.0.1"
    /// The port to listen on.
    public var port = 8080
    /// A PEM certificate to serve HTTPS with (with ``tlsKey``).
    public var tlsCertificate: String?
    /// The PEM private key of ``tlsCertificate``.
    public var tlsKey: String?
    /// Seconds between syncs with each peer; 0 turns periodic sync off.
    public var syncInterval = 30.0
    /// States per sync batch.
    public var batchRecords = SyncProtocol.maxBatchRecords
    /// Bytes per sync batch.
    public var batchBytes = SyncProtocol.maxBatchBytes
    /// Seconds a sync request may take before it is abandoned.
    public var syncTimeout = 30.0
    /// A PEM CA bundle to verify HTTPS peers against (default: the system's).
    public var caFile: String?
    /// Whether sync asks peers for gzip and pushes gzip to peers that take it (`sync.compression
    /// = gzip`, the default); `off` syncs plain JSON, as a node older than compression does.
    public var syncCompression = true
    /// A pull of at least this many records, more than the node holds, loads them in bulk
    /// (indexes built once at the end); 0 never does.
    public var bulkLoadRecords = LiaisonStore.bulkLoadThreshold
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
    public var logLevel = "info"
    /// `text` or `json` (one JSON object a line).
    public var logFormat = "text"
    /// Peers to sync with, besides those added with `liaison peer add`.
    public var peers: [Peer] = []

    /// The defaults.
    public init() {}

    /// The file name inside the data directory.
    public static let fileName = "liaison.conf"

    /// How this node syncs: its batch limits, timeout and CA, the same for `liaison serve`
    /// and `liaison sync`.
    public var sync: SyncConfiguration {
        SyncConfiguration(
            batchRecords: batchRecords,
            batchBytes: batchBytes,
            timeout: syncTimeout,
            caFile: caFile,
            compression: syncCompression,
            bulkLoadRecords: bulkLoadRecords
        )
    }
}
