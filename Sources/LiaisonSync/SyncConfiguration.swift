import CurlHTTP
public import LiaisonStore

/// How a node syncs: batch limits, the request timeout and the CA that HTTPS peers are
/// verified against. `liaison serve` and `liaison sync` use the same one, made from the
/// node's configuration, so both move batches of the same size.
public struct SyncConfiguration: Hashable, Sendable {
    /// States per batch.
    public var batchRecords: Int
    /// Bytes per batch.
    public var batchBytes: Int
    /// Seconds a sync request may take before it is abandoned.
    public var timeout: Double
    /// A PEM CA bundle to verify HTTPS peers against (default: the system's).
    public var caFile: String?
    /// Whether to ask peers for gzip-compressed answers and push gzip-compressed batches to
    /// peers that accept them (default); off, the node syncs plain JSON like a node without gzip.
    public var compression: Bool
    /// A pull of at least this many records, more than the node holds, loads them in bulk
    /// (``LiaisonStore/loadingInBulk(_:threshold:_:)``); 0 never does.
    public var bulkLoadRecords: Int

    /// A configuration; by default the protocol's batch limits and a 30-second timeout.
    public init(
        batchRecords: Int = SyncProtocol.maxBatchRecords,
        batchBytes: Int = SyncProtocol.maxBatchBytes,
        timeout: Double = 30,
        caFile: String? = nil,
        compression: Bool = true,
        bulkLoadRecords: Int = LiaisonStore.bulkLoadThreshold
    ) {
        self.batchRecords = batchRecords
        self.batchBytes = batchBytes
        self.timeout = timeout
        self.caFile = caFile
        self.compression = compression
        self.bulkLoadRecords = bulkLoadRecords
    }

    /// A libcurl transport with this timeout and CA, and enough worker threads that a
    /// hanging peer never holds up the others. Shut it down when done.
    public func makeTransport() -> any SyncTransport {
        CurlClient(
            configuration: CurlClientConfiguration(
                connectTimeout: min(5, timeout),
                totalTimeout: timeout,
                caFile: caFile,
                acceptCompressed: compression,
                workerThreads: 8
            )
        )
    }
}
