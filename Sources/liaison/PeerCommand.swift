import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// `liaison peer add|remove`: the nodes this one syncs with.
struct PeerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer",
        abstract: "Add or remove a peer to sync with.",
        subcommands: [PeerAddCommand.self, PeerRemoveCommand.self]
    )
}

/// `liaison peer add NAME URL --token-file FILE`.
struct PeerAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a peer (or change its URL and token file).",
        discussion: "The token file holds the peer token the other node issued with `liaison token create --role peer`."
    )

    @OptionGroup var data: DataOptions
    @Argument(help: "The peer's name, e.g. chennai.") var name: String
    @Argument(help: "The peer's base URL, e.g. http://10.0.0.5:8080.") var url: String
    @Option(help: ArgumentHelp("A file holding the token to show the peer.", valueName: "FILE"))
    var tokenFile: String

    func validate() throws {
        if let problem = PeerRecord.problem(name: name, url: url, tokenFile: tokenFile) { throw ValidationError(problem) }
    }

    func run() async throws {
        let store = try data.openStore()
        let path = URL(fileURLWithPath: tokenFile).standardizedFileURL.path
        try await store.addPeer(PeerRecord(name: name, url: url, tokenFile: path), now: Timestamp.millis())
        printForPeople("peer \(name) at \(url)")
    }
}

/// `liaison peer remove NAME`.
struct PeerRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop syncing with a peer.")

    @OptionGroup var data: DataOptions
    @Argument(help: "The peer's name.") var name: String

    func run() async throws {
        let store = try data.openStore()
        guard try await store.peers().contains(where: { $0.name == name }) else {
            throw CommandFailure("no peer named \(name)")
        }
        try await store.removePeer(named: name)
        printForPeople("peer \(name) removed")
    }
}
