import Foundation
import LiaisonConfig
public import LiaisonReports
public import LiaisonStore
import LiaisonSync
public import Logging
import ServiceLifecycle

/// Runs a node (`liaison serve`): the HTTP(S) server, serving the reports of `plugins`, and
/// the periodic sync until SIGTERM, SIGINT or SIGHUP, then shuts down gracefully: requests in
/// flight finish, and each sync in flight finishes the batch it is on and stops (see
/// ``SyncService``). The signal and the end are logged (``StopSignalService``).
///
/// TLS files are checked before anything starts (a ``ConfigError`` names the key and file).
/// swift-metrics' `MetricsSystem` is bootstrapped with the node's registry (once per process).
/// When opening `store` upgraded it (``LiaisonStore/upgrade``), the migrations applied are
/// logged first (``StoreUpgrade/log(to:)``); when this machine's clock is outside the range of a
/// write's time, a warning says so (``ClockError``): every local write is refused until it is set.
/// A store made before `liaison init` made the directory of peer tokens gets it (logged).
public func runNode(
    _ configuration: ServerConfiguration,
    store: LiaisonStore,
    plugins: PluginRegistry,
    logger: Logger? = nil,
    metrics: NodeMetrics = NodeMetrics()
) async throws {
    var configuration = configuration
    try configuration.loadTLS()
    bootstrapMetricsSystem(with: metrics.registry)
    let transport = configuration.node.sync.makeTransport()
    defer { transport.shutdown() }
    var logger = logger ?? Logger(label: "liaison.server")
    logger.logLevel = configuration.logLevel
    store.upgrade?.log(to: logger)
    makePeerTokenDirectory(of: store, logger: logger)
    do { _ = try store.writeTime() } catch { error.log(to: logger) }
    // Said once the node listens, so a node that cannot start says only why.
    if let command = try await store.firstAdminCommand() {
        let running = configuration.onServerRunning
        configuration.onServerRunning = { [logger] port in
            await running(port)
            logger.notice("this node has no user accounts yet, so nobody can sign in to its page: make the first admin with `\(command)`")
        }
    }
    let app = buildApplication(
        configuration,
        store: store,
        plugins: plugins,
        transport: transport,
        logger: logger,
        metrics: metrics
    )
    var group = ServiceGroupConfiguration(
        services: [
            .init(service: app),
            .init(service: await StopSignalService(logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
        ],
        logger: logger
    )
    // A batch in flight ends within the sync timeout; after that, cancel.
    group.maximumGracefulShutdownDuration = .seconds(configuration.node.syncTimeout + 10)
    do {
        try await ServiceGroup(configuration: group).run()
        logger.notice("stopped")
    } catch {
        throw ListenError(error, host: configuration.node.host, port: configuration.node.port) ?? error
    }
}

/// Makes the directory of peer tokens the web page's Add a peer reads (``LiaisonStore/makePeerTokenDirectory()``)
/// for a store made before `liaison init` made it, and logs that it did; a node that cannot
/// make it serves all the same, warning that Add a peer takes no token file until it is there.
private func makePeerTokenDirectory(of store: LiaisonStore, logger: Logger) {
    let path = store.peerTokenDirectory.path
    do {
        if try store.makePeerTokenDirectory() {
            logger.info("made \(path) (mode 0700), where the web page's Add a peer takes peer token files from", metadata: ["directory": "\(path)"])
        }
    } catch {
        logger.warning("\(error); the web page's Add a peer takes no token file until it is there", metadata: ["directory": "\(path)"])
    }
}
