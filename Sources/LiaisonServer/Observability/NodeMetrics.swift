public import LiaisonStore
public import LiaisonSync
public import Prometheus
import Synchronization

/// One node's metrics, in its own Prometheus registry: what `GET /metrics` shows.
///
/// Each application gets its own (tests run several nodes in one process); `liaison serve`
/// also bootstraps swift-metrics' `MetricsSystem` with this registry (see ``bootstrapMetricsSystem(with:)``),
/// so metrics of libraries that use swift-metrics show in the same page.
///
/// Sync counters are fed by the ``SyncEngine`` (this type is its ``SyncMetrics``); HTTP
/// durations by ``HTTPMetricsMiddleware``; the record, conflict and per-peer gauges are read
/// from the store when the page is rendered, so they are right even after a restart.
public final class NodeMetrics: SyncMetrics {
    /// The registry the page is rendered from.
    public let registry: PrometheusCollectorRegistry
    /// The peers whose gauges the last page showed.
    private let shownPeers = Mutex<Set<String>>([])

    /// Metrics in `registry` (a new one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Buckets of the HTTP request duration histogram.
    static let httpBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10),
    ]
    /// Buckets of the sync duration histogram.
    static let syncBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60),
    ]

    // MARK: sync (SyncMetrics)

    public func pulledBatch(peer: String, states: Int, bytes: Int, conflicts: Int) {
        count(peer: peer, direction: "pull", states: states, bytes: bytes)
        if conflicts > 0 {
            counter(
                "liaison_sync_conflicts_total",
                labels: [("peer", peer)],
                help: "States pulled from the peer that left a record in conflict."
            )
            .increment(by: Int64(conflicts))
        }
    }

    public func pushedBatch(peer: String, states: Int, bytes: Int) {
        count(peer: peer, direction: "push", states: states, bytes: bytes)
    }

    public func syncSucceeded(peer: String, seconds: Double, at unixSeconds: Double) {
        lastSuccessGauge(peer: peer).set(unixSeconds)
        syncDuration(peer: peer, outcome: "ok").record(.nanoseconds(Int64(seconds * 1e9)))
    }

    public func syncFailed(peer: String, seconds: Double) {
        counter(
            "liaison_sync_errors_total",
            labels: [("peer", peer)],
            help: "Syncs with the peer that failed."
        ).increment()
        syncDuration(peer: peer, outcome: "error").record(.nanoseconds(Int64(seconds * 1e9)))
    }

    public func quarantined(peer: String, states: Int) {
        quarantinedCounter.increment(by: Int64(states))
    }

    public func timedOut(peer: String, direction: SyncDirection, bytes: Int) {
        counter(
            "liaison_sync_timeouts_total",
            labels: [("peer", peer), ("direction", direction.rawValue)],
            help: "Sync requests that connected but got no answer in time and went again smaller, by peer and direction."
        ).increment()
    }

    /// States set aside by the intake since the node started (pulled, pushed to it, or in bundles
    /// merged through it); `liaison quarantine list` shows them.
    private var quarantinedCounter: Counter {
        registry.makeCounter(
            descriptor: Self.descriptor(
                "liaison_quarantined_states_total",
                "States the intake quarantined instead of merging, since start."
            )
        )
    }

    private func count(peer: String, direction: String, states: Int, bytes: Int) {
        let labels = [("peer", peer), ("direction", direction)]
        if states > 0 {
            counter(
                "liaison_sync_batches_total",
                labels: labels,
                help: "Sync batches that carried states, by peer and direction (pull or push)."
            )
            .increment()
        }
        counter(
            "liaison_sync_records_total",
            labels: labels,
            help: "Record states carried by sync, by peer and direction."
        ).increment(by: Int64(states))
        counter(
            "liaison_sync_bytes_total",
            labels: labels,
            help: "Bytes of sync bodies (answers pulled, requests pushed), by peer and direction."
        )
        .increment(by: Int64(bytes))
    }

    private func lastSuccessGauge(peer: String) -> Gauge {
        gauge(
            "liaison_sync_last_success_timestamp_seconds",
            labels: [("peer", peer)],
            help: "When the last sync with the peer succeeded (unix seconds)."
        )
    }

    private func syncDuration(peer: String, outcome: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "liaison_sync_duration",
                unitName: "seconds",
                helpText: "How long one sync (pull and push) with the peer took."
            ),
            labels: [("peer", peer), ("outcome", outcome)],
            buckets: Self.syncBuckets
        )
    }

    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    private func counter(_ name: String, labels: [(String, String)], help: String) -> Counter {
        registry.makeCounter(descriptor: Self.descriptor(name, help), labels: labels)
    }

    private func gauge(_ name: String, labels: [(String, String)], help: String) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(name, help), labels: labels)
    }

    private func gauge(_ name: String, help: String) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(name, help))
    }

    // MARK: HTTP

    /// Records one HTTP request: its route pattern (`/v1/records/{id}`), method, status and duration.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "liaison_http_request_duration",
                unitName: "seconds",
                helpText: "HTTP requests served, by route pattern, method and status."
            ),
            labels: [("route", route), ("method", method), ("status", String(status))],
            buckets: Self.httpBuckets
        ).record(duration)
    }

    // MARK: the page

    /// Reads the store's gauges (records, conflicts, per-peer last success and lag) and renders
    /// every metric in the Prometheus text format (version 0.0.4).
    public func render(store: LiaisonStore) async throws -> [UInt8] {
        let counts = try await store.counts()
        gauge("liaison_records", help: "Live (not deleted) records in this node's store.")
            .set(Double(counts.records))
        gauge("liaison_records_deleted", help: "Deleted records kept in this node's store.")
            .set(Double(counts.deleted))
        gauge("liaison_conflicts_open", help: "Records with at least one field in conflict.")
            .set(Double(counts.conflicted))
        gauge("liaison_sequence", help: "This node's local change sequence.")
            .set(Double(try await store.currentSequence()))
        _ = quarantinedCounter
        gauge("liaison_quarantine_entries", help: "States kept in quarantine for an admin to look at.")
            .set(Double(try await store.quarantinedCount()))
        let peers = Set(try await store.peers().map(\.name))
        gauge("liaison_peers", help: "Peers this node syncs with.").set(Double(peers.count))
        // A removed peer's gauges go with it: its last "failing" would keep an alert firing.
        let removed = shownPeers.withLock { shown in
            defer { shown = peers }
            return shown.subtracting(peers)
        }
        for name in removed { peerGauges(name).forEach(registry.unregisterGauge) }
        for status in try await store.peerStatuses() where peers.contains(status.name) {
            if let lastSuccess = status.lastSuccess {
                lastSuccessGauge(peer: status.name).set(Double(lastSuccess) / 1000)
            }
            if let behind = status.behind { behindGauge(peer: status.name).set(Double(behind)) }
            failingGauge(peer: status.name).set(status.lastError == nil ? 0.0 : 1.0)
        }
        return registry.emitToBuffer()
    }

    private func behindGauge(peer: String) -> Gauge {
        gauge("liaison_sync_behind", labels: [("peer", peer)], help: "The peer's changes not yet pulled when last asked.")
    }

    private func failingGauge(peer: String) -> Gauge {
        gauge("liaison_sync_failing", labels: [("peer", peer)], help: "1 when the last sync with the peer failed, 0 otherwise.")
    }

    /// Every gauge kept per peer.
    private func peerGauges(_ peer: String) -> [Gauge] {
        [lastSuccessGauge(peer: peer), behindGauge(peer: peer), failingGauge(peer: peer)]
    }
}
