import ArgumentParser
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import LiaisonStore

/// `liaison-bench report --records N`: seeds N records in a temporary store, then times
/// loading and decoding their display values, building and rendering each report from those
/// records in memory, and the overview as `liaison report` makes it (streamed from the facts
/// the store keeps).
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Time the overview and every plugin's report over N seeded records (median of runs)."
    )

    @Option(help: "How many records to seed.")
    var records = 100_000

    @Option(help: "Runs per measurement; the median is printed.")
    var runs = 5

    @Option(help: "The seed of the generated data.")
    var seed: UInt64 = 1

    func validate() throws {
        guard records > 0, runs > 0 else { throw ValidationError("--records and --runs must be at least 1") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = BundledPlugins.registry
        try LiaisonStore.initialise(directory: directory, office: "new-delhi")
        let store = try LiaisonStore(directory: directory, schema: registry.schema)

        var generator = BenchRecords(seed: seed, schema: registry.schema)
        let seeded = try await Timing.measure {
            var done = 0
            while done < records {
                let batch = try (0..<min(5_000, records - done)).map { _ in try generator.state() }
                _ = try await store.merge(batch)
                done += batch.count
            }
        }
        say("seeded \(records) records in \(String(format: "%.1f", seeded.seconds)) s (merge, batches of 5,000)")

        var loadTimes: [Double] = []
        var loaded: [ReportRecord] = []
        for _ in 0..<runs {
            let timed = try await Timing.measure { try await store.reportRecords() }
            loadTimes.append(timed.seconds)
            loaded = timed.result
        }
        say(
            "load (read and decode the display values kept beside each state): "
                + "\(Timing.ms(Timing.median(loadTimes))) for \(loaded.count) live records"
        )
        say("")
        say("report                  build       md       html      csv     json    build+html  records  provisional")
        var total = 0.0
        for id in registry.reports.map(\.id) {
            let request = ReportRequest(id: id)
            var times: [[Double]] = []
            var document = ReportDocument(id: id, title: id)
            for _ in 0..<runs {
                let built = Timing.measure { registry.report(request, records: loaded) }
                document = built.result
                let renders = ReportFormat.allCases.map { format in
                    Timing.measure { ReportRenderer.render(document, as: format) }.seconds
                }
                times.append([built.seconds] + renders)
            }
            let medians = (0..<5).map { column in Timing.median(times.map { $0[column] }) }
            let buildHTML = Timing.median(times.map { $0[0] + $0[2] })
            total += buildHTML
            let counted = document.keyFigures.first.map(\.value.formatted) ?? "-"
            say(
                id.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + medians.map(Timing.ms).joined(separator: " ") + Timing.ms(buildHTML)
                    + counted.leftPadded(9) + String(document.provisionalCount).leftPadded(13)
            )
        }
        say("")
        say("all \(registry.reports.count) reports, build + HTML: \(Timing.ms(total))")
        let endToEnd = try await (0..<runs).asyncMap { _ in
            try await Timing.measure { try await registry.render(ReportRequest(id: "overview"), as: .html, from: store) }
                .seconds
        }
        say(
            "overview from the store (stream the kept report facts + build + HTML), as `liaison report` does: "
                + Timing.ms(Timing.median(endToEnd))
        )
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
