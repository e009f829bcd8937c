import ArgumentParser
import LiaisonCluster

extension ClusterCommand {
    /// `liaison cluster status --dir DIR [--json]`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Each node's records, conflicts, peers, lag (changes behind) and last sync errors."
        )

        @OptionGroup var dir: ClusterDirectoryOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let status = try await dir.cluster.status()
            if output.json { print(status.json) } else { printForPeople(status.text) }
        }
    }
}
