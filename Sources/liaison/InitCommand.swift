import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// `liaison init --office SLUG`: makes a new store with a new replica id, and the directory of
/// peer tokens beside it.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Initialise a node's store in the data directory and print its new replica id.",
        discussion: "Offices: \(CoreSchema.offices.joined(separator: ", "))."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The office this node serves.", valueName: "SLUG"))
    var office: String

    func run() async throws {
        let identity = try LiaisonStore.initialise(directory: data.url, office: office)
        let peerTokens = LiaisonStore.peerTokenDirectory(in: data.url.standardizedFileURL).path
        if output.json {
            var writer = JSONWriter()
            writer.raw("{\"office\":")
            writer.string(identity.office)
            writer.raw(",\"replica_id\":")
            writer.string(identity.replicaID)
            writer.raw(",\"peer_token_directory\":")
            writer.string(peerTokens)
            writer.raw("}")
            print(writer.output)
        } else {
            print(identity.replicaID)
            // On stderr: scripts take the replica id from stdout.
            FileHandle.standardError.write(
                Data(
                    "peer tokens for peers added on the web page go in \(peerTokens) (mode 0700): install -m 600 FILE \(ShellWord.quoted(peerTokens))/\n"
                        .utf8
                )
            )
        }
    }
}
