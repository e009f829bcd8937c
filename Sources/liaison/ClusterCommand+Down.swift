import ArgumentParser
import Foundation
import LiaisonCluster

extension ClusterCommand {
    /// `liaison cluster down --dir DIR`.
    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "down",
            abstract: "Stop every node of the cluster (SIGTERM, then SIGKILL after --grace seconds). Data stays."
        )

        @OptionGroup var dir: ClusterDirectoryOptions
        @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to wait after SIGTERM before SIGKILL.", valueName: "SECONDS"))
        var grace = 20.0

        func validate() throws {
            guard grace >= 0 else { throw ValidationError("--grace must be 0 or more seconds, got \(grace)") }
        }

        func run() async throws {
            let stopped = try dir.cluster.down(grace: grace)
            if stopped.isEmpty {
                printForPeople("no node was running: the cluster in \(dir.cluster.directory.path) is stopped already")
            } else {
                printForPeople("stopped \(stopped.count) nodes: \(stopped.map { "\($0.city) (pid \($0.pid))" }.joined(separator: ", "))")
                printForPeople("data kept in \(dir.cluster.directory.path): `liaison cluster up --dir \(dir.directory)` starts them again")
            }
        }
    }
}
