import ArgumentParser
import Foundation
import LiaisonServer
import Logging

/// `liaison serve`: the node's HTTP API and the periodic sync with every peer, until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and sync with every peer periodically, until SIGTERM or SIGINT.",
        discussion: """
            Settings come from <data dir>/liaison.conf, then LIAISON_* environment variables, then these
            flags. Prints `listening on http://HOST:PORT` once bound; logs go to stderr.
            """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The address to bind (default 127.0.0.1).", valueName: "H")) var host: String?
    @Option(help: ArgumentHelp("The port to bind; 0 picks a free one (default 8080).", valueName: "P")) var port: Int?
    @Option(name: .customLong("sync-interval"), help: ArgumentHelp(
        "Seconds between syncs with each peer; 0 turns periodic sync off (default 30).", valueName: "SECONDS"))
    var syncInterval: Double?
    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical (default info).", valueName: "LEVEL"))
    var logLevel: String?

    func run() async throws {
        let config = try NodeConfig.resolve(directory: data.url, flags: [
            ("server.host", "--host", host), ("server.port", "--port", port.map(String.init)),
            ("sync.interval", "--sync-interval", syncInterval.map { String($0) }), ("log.level", "--log-level", logLevel),
        ])
        let store = try data.openStore()
        try await config.registerPeers(in: store)
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let host = config.host
        try await runNode(ServerConfiguration(config) { port in
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }, store: store)
    }
}

extension ConfigError: CLIReportableError {}
