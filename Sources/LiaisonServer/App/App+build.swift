public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import LiaisonConfig
public import LiaisonHTTP
public import LiaisonReports
public import LiaisonStore
public import LiaisonSync
import LiaisonWeb
public import Logging

/// The router of every route in ``APIRoute``, each behind the auth its ``Access`` asks for,
/// and the web interface. Errors answer as JSON `{"error": ...}`; bodies over 16 MiB get 413; a
/// method an API path does not serve gets 405 with `Allow` (``MethodNotAllowedMiddleware``).
/// `plugins` (the executable's choice) are the reports served. `secureCookies` marks the
/// session cookie `Secure` (for a node serving HTTPS); `throttle` slows repeated failed sign-ins
/// on the page and the API alike.
public func buildRouter(
    store: LiaisonStore,
    plugins: PluginRegistry,
    engine: SyncEngine,
    metrics: NodeMetrics = NodeMetrics(),
    secureCookies: Bool = false,
    throttle: SignInThrottle = SignInThrottle()
) -> Router<LiaisonRequestContext> {
    // HEAD is served wherever GET is (the same answer without its body).
    let router = Router(context: LiaisonRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware())
    var handlers = APIHandlers(store: store, plugins: plugins, engine: engine, metrics: metrics)
    handlers.throttle = throttle
    handlers.secureCookies = secureCookies
    for route in APIRoute.allCases {
        let group = router.group().add(middleware: AuthMiddleware(access: route.access, store: store))
        if let known = route.queryParameters { group.add(middleware: QueryCheckMiddleware(known: known)) }
        group.on("\(route.path)", method: HTTPRequest.Method(route.method)!, use: handlers.handler(for: route))
    }
    WebRoutes(store: store, engine: engine, plugins: plugins, secureCookies: secureCookies, throttle: throttle)
        .register(on: router)
    return router
}

/// The node's application: the HTTP server and, when `configuration.syncInterval` is set, the
/// periodic sync with every peer, as services of one service group. Tests run exactly this.
/// It serves HTTPS when `configuration` has TLS (a bad certificate or key fails the start);
/// its metrics go to `metrics` (`GET /metrics`). `plugins`, chosen by the executable, are the
/// reports it serves (`store` was opened with their schema); it syncs over `transport`, which
/// the caller shuts down.
///
/// ```swift
/// let transport = configuration.node.sync.makeTransport()
/// let app = buildApplication(configuration, store: store, plugins: BundledPlugins.registry, transport: transport)
/// try await app.runService()   // until SIGTERM or SIGINT
/// ```
public func buildApplication(
    _ configuration: ServerConfiguration,
    store: LiaisonStore,
    plugins: PluginRegistry,
    transport: any SyncTransport,
    logger: Logger? = nil,
    metrics: NodeMetrics = NodeMetrics()
) -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "liaison.server")
    logger.logLevel = configuration.logLevel
    var engine = SyncEngine(store: store, transport: transport, configuration: configuration.node.sync, logger: logger)
    engine.metrics = metrics
    let onRunning = configuration.onServerRunning
    var app = Application(
        router: buildRouter(
            store: store,
            plugins: plugins,
            engine: engine,
            metrics: metrics,
            secureCookies: configuration.servesHTTPS,
            throttle: SignInThrottle(base: configuration.signInBackoff)
        ),
        server: serverBuilder(configuration),
        configuration: .init(address: .hostname(configuration.node.host, port: configuration.node.port), serverName: "Liaison"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    if let interval = configuration.syncInterval {
        app.addServices(SyncService(scheduler: SyncScheduler(engine: engine, interval: interval, logger: logger)))
    }
    return app
}

/// HTTP/1.1, over TLS when the configuration has (or names) a certificate and key. A TLS
/// configuration that does not load gives a server that fails at start with the error.
private func serverBuilder(_ configuration: ServerConfiguration) -> HTTPServerBuilder {
    do {
        var configuration = configuration
        try configuration.loadTLS()
        // A connection that sends nothing for this long (a request never finished, or idle
        // between requests) is closed, so clients that never finish cannot pile up.
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1_000))))
        guard let tls = configuration.tls else { return http1 }
        return try .tls(http1, tlsConfiguration: tls)
    } catch {
        return HTTPServerBuilder { _ in throw error }
    }
}
