import ArgumentParser
import Foundation
import LiaisonCluster

extension ClusterCommand {
    /// `liaison cluster up --dir DIR [--base-port P] [--records N]`.
    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "up",
            abstract: "Make (first time) and start the seven nodes in the background; print how to reach each.",
            discussion: """
                A new node gets a store, an admin token (DIR/<city>/admin.token), a peer token, and --records
                sample records. Nodes already made keep their data. The nodes keep running after this
                command exits: stop them with `liaison cluster down --dir DIR`. When some nodes of the
                cluster run (one crashed), only the others are started, on the cluster's ports; after
                `cluster down`, all seven start again on their ports.
                """
        )

        @OptionGroup var dir: ClusterDirectoryOptions
        @Option(
            name: .customLong("base-port"),
            parsing: .unconditional,
            help: ArgumentHelp(
                "The port of new-delhi; the others take the next six (default: the cluster's, running or stopped; else 8701).",
                valueName: "P"
            )
        )
        var basePort: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("Sample records seeded at each new node.", valueName: "N"))
        var records = 20
        @Option(
            name: .customLong("sync-interval"),
            parsing: .unconditional,
            help: ArgumentHelp("Seconds between syncs with each peer.", valueName: "SECONDS")
        )
        var syncInterval = 2.0

        func validate() throws {
            guard records >= 0 else { throw ValidationError("--records must be 0 or more, got \(records)") }
            guard syncInterval > 0 else { throw ValidationError("--sync-interval must be more than 0 seconds, got \(syncInterval)") }
        }

        func run() async throws {
            let options = ClusterOptions(basePort: basePort, records: records, syncInterval: syncInterval)
            let manifest = try await dir.cluster.up(options, executable: runningExecutable()) { printForPeople($0) }
            printForPeople("")
            printForPeople(manifest.reachText)
        }
    }
}
