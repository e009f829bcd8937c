import ArgumentParser
import Foundation
import LiaisonConfig
import LiaisonServer
import LiaisonStore
import LiaisonSync
import Logging

/// `liaison sync [NAME...]`: one pull and push with those peers (all if none, all at once), now.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull and push once with the named peers (all if none), now."
    )

    @OptionGroup var data: DataOptions
    @Argument(help: "Peer names (default: every peer).") var names: [String] = []

    func run() async throws {
        let store = try data.openStore()
        let all = try await store.peers()
        // The node's sync settings (liaison.conf, LIAISON_*): CA, timeout and batch limits, as `serve` uses them.
        let config = try NodeConfig.resolve(directory: data.url, flags: [])
        // Peers in liaison.conf that the store does not hold yet: `serve` adds the file's peers
        // when it starts. `peer add` (the advice below) would make a peer the file does not own.
        let waiting = config.peers.map(\.name).filter { name in !all.contains { $0.name == name } }
        func notYet(_ names: [String]) -> String {
            "\(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") in liaison.conf but not yet in the store: the file's peers are added when `liaison serve` starts; start it once, then sync"
        }
        if let named = names.first(where: waiting.contains) { throw CommandFailure("peer " + notYet([named])) }
        if names.isEmpty, !waiting.isEmpty {
            if all.isEmpty { throw CommandFailure("no peers yet: " + notYet(waiting)) }
            printError("not synced with " + notYet(waiting))
        }
        if let unknown = names.first(where: { name in !all.contains { $0.name == name } }) {
            throw CommandFailure(
                all.isEmpty
                    ? "no peer named \(unknown): this node has no peers; add one with `liaison peer add NAME URL --token-file FILE`"
                    : "no peer named \(unknown); peers: \(all.map(\.name).joined(separator: ", "))"
            )
        }
        let chosen = names.isEmpty ? all : all.filter { names.contains($0.name) }
        if chosen.isEmpty { throw CommandFailure("no peers: add one with `liaison peer add NAME URL --token-file FILE`") }
        // A missing or bad CA file is named once, as `serve` names it at start, not as each
        // peer's failed handshake.
        try ServerTLS.checkTrusted(config.caFile)
        let transport = config.sync.makeTransport()
        defer { transport.shutdown() }
        // The command prints each peer's outcome itself (failures as `error:` lines, quarantined
        // states listed): the engine's log, which says the same for a node's log, would print it twice.
        var logger = Logger(label: "liaison.sync")
        logger.logLevel = .critical
        let engine = SyncEngine(store: store, transport: transport, configuration: config.sync, logger: logger)
        // Every peer at once, as `serve` and `POST /v1/sync` do: a hung peer costs its timeout
        // once, not once for each peer after it. Reports are printed in peer name order.
        let results = await engine.sync(with: chosen, progress: Self.show)
        Self.clearProgress()
        var failures = 0
        for (peer, result) in results {
            switch result {
            case .success(let report):
                let quarantined = report.pulled.quarantined + report.pushed.quarantined
                printForPeople(
                    "\(peer.name): pulled \(report.pulled.merged) (changed \(report.pulled.changed), conflicts \(report.pulled.conflicts)), pushed \(report.pushed.merged) (changed there \(report.pushed.changed)), \(report.bytesReceived.wire + report.bytesSent.wire) bytes on the wire (\(report.bytesReceived.plain + report.bytesSent.plain) as JSON)"
                        + (quarantined.isEmpty ? "" : ", quarantined \(quarantined.count)")
                )
                if !report.pulled.quarantined.isEmpty {
                    printError("\(peer.name) sent \(report.pulled.quarantined.count) states that were quarantined here")
                    printQuarantined(
                        report.pulled.quarantined,
                        listing: "the rest merged; list every state quarantined here with `\(quarantineListCommand(data))`"
                    )
                }
                if !report.pushed.quarantined.isEmpty {
                    printError("\(peer.name) quarantined \(report.pushed.quarantined.count) states this node sent")
                    printQuarantined(
                        report.pushed.quarantined,
                        listing:
                            "the rest merged there; \(peer.name) lists every state it quarantined with `liaison quarantine list` on its node, or `GET \(peer.url(of: "/v1/quarantine"))` with an admin token of it"
                    )
                }
                if !quarantined.isEmpty { failures += 1 }
            case .failure(let error):
                failures += 1
                printError("\(error)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Progress on stderr: how far each peer has come on one line, rewritten, when stderr is a
    /// terminal; a request that timed out and goes on smaller on a line of its own, terminal or
    /// not, so that a log of the command (cron, a service) shows why a sync was slow.
    @Sendable static func show(_ progress: SyncProgress) {
        switch progress {
        case .pulled(let peer, let states, let remaining):
            if onTerminal { replaceProgress(with: "\(peer): pulled \(states), about \(remaining) to go") }
        case .pushed(let peer, let states):
            if onTerminal { replaceProgress(with: "\(peer): pushed \(states)") }
        case .timedOut(let peer, .pull, let bytes):
            replaceProgress(with: "\(peer): a page timed out, asking again for pages of \(bytes) bytes\n")
        case .timedOut(let peer, .push, let bytes):
            replaceProgress(with: "\(peer): a batch timed out, sending again in batches of \(bytes) bytes\n")
        }
    }

    /// Clears the progress line, when stderr is a terminal.
    static func clearProgress() {
        if onTerminal { replaceProgress(with: "") }
    }

    private static var onTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes `text` on stderr in place of the progress line (cleared first on a terminal), in
    /// one write: another peer's progress cannot land in between.
    private static func replaceProgress(with text: String) {
        FileHandle.standardError.write(Data(((onTerminal ? "\r\u{1B}[K" : "") + text).utf8))
    }
}
