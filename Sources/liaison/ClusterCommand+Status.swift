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
                throw CommandFailure("\(down): \(advice(status))")
            }
        }

        /// What to do about the nodes down. `cluster up` starts the stopped ones but leaves a
        /// process that runs alone, even when it does not answer: that one needs `down` first.
        private func advice(_ status: ClusterStatus) -> String {
            let up = "`liaison cluster up --dir \(dir.directory)`"
            if status.down.count == status.nodes.count, !status.down.contains(where: \.running) {
                return "the cluster is stopped: \(up) starts it again on its ports"
            }
            guard status.down.contains(where: \.running) else { return "\(up) starts the stopped ones" }
            return
                "a node not answering may only be busy (see its serve.log); `liaison cluster down --dir \(dir.directory)` then \(up) restarts the cluster"
        }
    }
}
