import ArgumentParser
import LiaisonCluster

/// `liaison status [--json]`: this node's identity, counts and peers, read from its store.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show this node's replica id, office, sequence, records, open conflicts and each peer's sync.",
        discussion: "Reads the store in the data directory: works whether or not `liaison serve` runs."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let status = try await LocalStatus(store: data.openStore())
        if output.json { print(status.json) } else { printForPeople(status.text) }
    }
}
