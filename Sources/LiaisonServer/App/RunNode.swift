import CurlHTTP
import LiaisonStore
import Logging
import ServiceLifecycle

/// Runs a node (`liaison serve`): the HTTP server and the periodic sync until SIGTERM or
/// SIGINT, then shuts down gracefully (requests in flight finish, the sync stops).
public func runNode(_ configuration: ServerConfiguration, store: LiaisonStore, logger: Logger? = nil) async throws {
    let client = CurlClient(configuration: configuration.clientConfiguration)
    defer { client.shutdown() }
    let app = buildApplication(configuration, store: store, client: client, logger: logger)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
