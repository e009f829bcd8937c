import ArgumentParser

/// `liaison-bench`: benchmarks that print figures (a test never asserts a time).
/// Add a benchmark as a subcommand in its own file and list it here.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liaison-bench",
        abstract: "Liaison benchmarks: each prints its figures.",
        subcommands: [ReportBench.self, SyncBench.self, DecodeBench.self, ScaleBench.self, WritesBench.self]
    )
}
