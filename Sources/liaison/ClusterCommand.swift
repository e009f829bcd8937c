import ArgumentParser
import Foundation
import LiaisonCluster

/// `liaison cluster up|down|status`: a local seven-city cluster on loopback, for demos and tests.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run a local seven-city cluster on 127.0.0.1 (one `liaison serve` per office, full mesh).",
        discussion: """
            Offices and ports: \(Cluster.cities.enumerated().map { "\($1) P+\($0)" }.joined(separator: ", ")).
            Each node keeps its data, tokens, config and log in DIR/<city>; pids and ports are in DIR/cluster.json.
            """,
        subcommands: [Up.self, Down.self, Status.self]
    )
}

/// `--dir DIR`: the cluster directory.
struct ClusterDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: ArgumentHelp("The cluster directory.", valueName: "DIR"))
    var directory: String

    var cluster: Cluster { Cluster(directory: URL(fileURLWithPath: directory)) }
}

extension ClusterError: CLIReportableError {}

/// The running `liaison` binary, to start nodes with.
func runningExecutable() -> URL {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
}
