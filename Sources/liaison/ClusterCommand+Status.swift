import ArgumentParser
import LiaisonCluster

extension ClusterCommand {
    /// `liaison cluster status --dir DIR [--json]`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Each node's records, conflicts, peers, lag (changes behind) and last sync errors.",
            discussion: "Exits 1, naming them, when a node is down (not running or not answering)."
        )

        @OptionGroup var dir: ClusterDirectoryOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let status = try await dir.cluster.status()
            if output.json { print(status.json) } else { printForPeople(status.text) }
            if let down = status.downSummary {
                throw CommandFailure("\(down): `liaison cluster up --dir \(dir.directory)` starts the stopped ones")
            }
        }
    }
}
