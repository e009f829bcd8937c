import ArgumentParser
import Foundation
import LiaisonServer
import Logging

/// `liaison serve`: the node's HTTP API and the periodic sync with every peer, until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and sync with every peer periodically, until SIGTERM or SIGINT.",
        discussion: "Prints `listening on http://HOST:PORT` once bound; logs go to stderr.")

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The address to bind.", valueName: "H")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port to bind (0: any free port).", valueName: "P")) var port = 8080
    @Option(name: .customLong("sync-interval"), help: ArgumentHelp(
        "Seconds between syncs with each peer (0: no periodic sync).", valueName: "SECONDS"))
    var syncInterval: Double = 30
    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
    var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard syncInterval >= 0, syncInterval.isFinite else { throw ValidationError("--sync-interval must be 0 or more seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let store = try data.openStore()
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let host = self.host
        let configuration = ServerConfiguration(
            host: host, port: port, syncInterval: syncInterval > 0 ? syncInterval : nil,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info,
            onServerRunning: { port in
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            })
        try await runNode(configuration, store: store)
    }
}
