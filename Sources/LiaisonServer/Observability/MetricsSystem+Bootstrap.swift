import Metrics
public import Prometheus
import Synchronization

private let metricsBootstrapped = Mutex(false)

/// Bootstraps swift-metrics' process-wide `MetricsSystem` with a Prometheus factory over
/// `registry`, once per process: later calls do nothing (tests run several nodes in one process,
/// each with its own ``NodeMetrics``, and `MetricsSystem.bootstrap` may only be called once).
/// Returns whether this call bootstrapped it.
@discardableResult
public func bootstrapMetricsSystem(with registry: PrometheusCollectorRegistry) -> Bool {
    metricsBootstrapped.withLock { done in
        if done { return false }
        done = true
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }
}
