import ArgumentParser
import Foundation

/// `liaison-bench`: benchmarks that print figures (a test never asserts a time).
/// Add a benchmark as a subcommand in its own file and list it here.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liaison-bench",
        abstract: "Liaison benchmarks: each prints its figures.",
        subcommands: [ReportBench.self, SyncBench.self, DecodeBench.self, ScaleBench.self, WritesBench.self]
    )

    /// Runs the benchmark named on the command line. A write to a reader that went away
    /// (`| head`) fails instead of killing the process (SIGPIPE) before it stops the
    /// `liaison serve` processes it started.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}
