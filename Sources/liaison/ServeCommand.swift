import ArgumentParser
import Foundation
import LiaisonBundledPlugins
import LiaisonConfig
import LiaisonServer
import LiaisonStore
import Logging

/// `liaison serve`: the node's HTTP API and the periodic sync with every peer, until SIGTERM, SIGINT or SIGHUP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and sync with every peer periodically, until SIGTERM, SIGINT or SIGHUP.",
        discussion: """
            Settings come from <data dir>/liaison.conf, then LIAISON_* environment variables, then these \
            flags. Prints `listening on http://HOST:PORT` (`http://[::1]:PORT` for IPv6; https with server.tls_certificate and \
            server.tls_key) once bound; logs go to stderr, as text or JSON lines (log.format). \
            See docs/operations.md.
            """
    )

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The address to bind (default 127.0.0.1).", valueName: "H")) var host: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The port to bind; 0 picks a free one (default 8080).", valueName: "P"))
    var port: Int?
    @Option(
        name: .customLong("sync-interval"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds between syncs with each peer; 0 turns periodic sync off (default 30).",
            valueName: "SECONDS"
        )
    )
    var syncInterval: String?  // as typed: the configuration's check reads it and quotes it
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical (default info).",
            valueName: "LEVEL"
        )
    )
    var logLevel: String?
    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "text or json: one JSON object a line (default text).",
            valueName: "FORMAT"
        )
    )
    var logFormat: String?
    @Option(
        name: .customLong("tls-certificate"),
        help: ArgumentHelp(
            "A PEM certificate (chain) to serve HTTPS with; needs --tls-key.",
            valueName: "FILE"
        )
    )
    var tlsCertificate: String?
    @Option(
        name: .customLong("tls-key"),
        help: ArgumentHelp(
            "The PEM private key of the certificate.",
            valueName: "FILE"
        )
    )
    var tlsKey: String?

    func run() async throws {
        let config = try NodeConfig.resolve(
            directory: data.url,
            flags: [
                ("server.host", "--host", host), ("server.port", "--port", port.map(String.init)),
                ("sync.interval", "--sync-interval", syncInterval), ("log.level", "--log-level", logLevel),
                ("log.format", "--log-format", logFormat), ("server.tls_certificate", "--tls-certificate", tlsCertificate),
                ("server.tls_key", "--tls-key", tlsKey),
            ]
        )
        // Every file the settings name is checked before anything changes: a bad certificate
        // stopped the node after the peers taken out of liaison.conf were removed.
        var configuration = ServerConfiguration(config)
        try configuration.loadTLS()
        // Claimed before the store opens: the open upgrades a store of an earlier release, which
        // must not happen while another node (an older release) serves it.
        let claim = try LiaisonStore.claimForServing(directory: data.url)
        defer { withExtendedLifetime(claim) {} }
        let store = try data.openStore(serving: claim)
        for name in try await config.registerPeers(in: store) {
            FileHandle.standardError.write(Data("peer \(name) removed: it is no longer in liaison.conf\n".utf8))
        }
        bootstrapLogging(format: config.logFormat, level: configuration.logLevel)
        configuration.onServerRunning = { [configuration] port in
            try? StandardOutput.write("listening on \(configuration.url(port: port))\n".utf8)
        }
        try await runNode(configuration, store: store, plugins: BundledPlugins.registry)
    }
}

extension ConfigError: CLIReportableError {}
extension ListenError: CLIReportableError {}
