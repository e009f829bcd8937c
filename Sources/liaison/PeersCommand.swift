import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison peers [--json]`: each peer's URL, last success, last error, and how far behind.
struct PeersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "List peers with their last success, last error and how far behind."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try data.openStore()
        let peers = try await store.peers()
        let statuses = Dictionary(uniqueKeysWithValues: try await store.peerStatuses().map { ($0.name, $0) })
        if output.json {
            var writer = JSONWriter()
            writer.array(peers) { writer, peer in
                let status = statuses[peer.name] ?? PeerStatus(name: peer.name)
                writer.raw("{\"behind\":\(status.behind.map(String.init) ?? "null"),\"last_error\":")
                if let error = status.lastError { writer.string(error) } else { writer.raw("null") }
                writer.raw(",\"last_error_at\":")
                if let at = status.lastErrorAt { writer.string(Timestamp.iso(at)) } else { writer.raw("null") }
                writer.raw(",\"last_success\":")
                if let at = status.lastSuccess { writer.string(Timestamp.iso(at)) } else { writer.raw("null") }
                writer.raw(",\"name\":")
                writer.string(peer.name)
                writer.raw(",\"replica_id\":")
                if let id = status.replicaID { writer.string(id) } else { writer.raw("null") }
                writer.raw(",\"url\":")
                writer.string(peer.url)
                writer.raw("}")
            }
            print(writer.output)
            return
        }
        if peers.isEmpty { printForPeople("no peers: add one with `liaison peer add NAME URL --token-file FILE`") }
        for peer in peers {
            let status = statuses[peer.name] ?? PeerStatus(name: peer.name)
            printForPeople(TerminalText.line(peer.name) + "  " + TerminalText.line(peer.url))
            printForPeople("  last success: \(status.lastSuccess.map(Timestamp.iso) ?? "never")")
            if let error = status.lastError {
                printForPeople("  last error:   \(TerminalText.line(error)) (\(status.lastErrorAt.map(Timestamp.iso) ?? "?"))")
            }
            let behind = status.lastError == nil ? status.behind.map { Wording.counted($0, "change") } : nil
            printForPeople("  behind by:    \(behind ?? "unknown")")
        }
    }
}
