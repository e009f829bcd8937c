public import LiaisonStore

/// Where a ``SyncEngine`` reports what it carries, for a metrics system to count.
///
/// LiaisonSync depends on no metrics library: the server implements this protocol over
/// Prometheus (`NodeMetrics`), tests may record calls, and the default does nothing.
///
/// ```swift
/// var engine = SyncEngine(store: store, client: client)
/// engine.metrics = nodeMetrics
/// ```
public protocol SyncMetrics: Sendable {
    /// A batch of the peer's changes was merged here: `states` states in `bytes` bytes of answer body.
    func pulledBatch(peer: String, states: Int, bytes: Int, conflicts: Int)
    /// A batch of this node's changes was acknowledged by the peer.
    func pushedBatch(peer: String, states: Int, bytes: Int)
    /// A sync with the peer completed, after `seconds`.
    func syncSucceeded(peer: String, seconds: Double, at unixSeconds: Double)
    /// A sync with the peer failed (not counted: a sync stopped for shutdown).
    func syncFailed(peer: String, seconds: Double)
    /// States from the peer (or a bundle, or a push) were quarantined instead of merged.
    func quarantined(peer: String, states: Int)
    /// A request to the peer got no answer in time and goes again smaller: a page pulled or a
    /// batch pushed, now within `bytes`.
    func timedOut(peer: String, direction: SyncDirection, bytes: Int)
}

/// Metrics that go nowhere: the default of ``SyncEngine/metrics``.
public struct NoSyncMetrics: SyncMetrics {
    /// Makes one.
    public init() {}
    public func pulledBatch(peer: String, states: Int, bytes: Int, conflicts: Int) {}
    public func pushedBatch(peer: String, states: Int, bytes: Int) {}
    public func syncSucceeded(peer: String, seconds: Double, at unixSeconds: Double) {}
    public func syncFailed(peer: String, seconds: Double) {}
    public func quarantined(peer: String, states: Int) {}
    public func timedOut(peer: String, direction: SyncDirection, bytes: Int) {}
}
