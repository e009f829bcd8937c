import ArgumentParser
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import LiaisonStore

/// `liaison-bench decode --records N`: times decoding N seeded states from their canonical
/// JSON: one by one with `RecordState(json:)`, through Foundation's `JSONDecoder` (the
/// `Decodable` conformance), and as sync batches of 500 with `StateEnvelope.parse`; then each
/// step a pulling node takes with a state: the schema check, preparing it for the store, and
/// merging prepared pages into an empty store.
struct DecodeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Time decoding N states from canonical JSON (median of runs)."
    )

    @Option(help: "How many states to decode.")
    var records = 100_000

    @Option(help: "Runs per measurement; the median is printed.")
    var runs = 5

    @Option(help: "The seed of the generated data.")
    var seed: UInt64 = 1

    @Flag(help: "Skip the JSONDecoder figures (slow).")
    var skipFoundation = false

    func validate() throws {
        guard records > 0, runs > 0 else { throw ValidationError("--records and --runs must be at least 1") }
    }

    func run() async throws {
        var generator = BenchRecords(seed: seed, schema: BundledPlugins.registry.schema)
        let states = try (0..<records).map { _ in try generator.state() }
        let documents = states.map { Data($0.canonicalJSON.utf8) }
        let bytes = documents.reduce(0) { $0 + $1.count }
        let batches = stride(from: 0, to: states.count, by: 500).map { start in
            let slice = states[start..<min(start + 500, states.count)]
            return Data((#"{"replica_id":"mumbai.k3f9q2","states":["# + slice.map(\.canonicalJSON).joined(separator: ",") + "]}").utf8)
        }
        say("\(records) states, \(bytes / records) bytes of JSON each on average")

        func line(_ label: String, median: Double) {
            say(
                label.padding(toLength: 44, withPad: " ", startingAt: 0) + Timing.ms(median)
                    + String(format: "  %6.2f µs/state  %9.0f states/s", median * 1e6 / Double(records), Double(records) / median)
            )
        }
        func report(_ label: String, _ body: () throws -> Int) rethrows {
            var times: [Double] = []
            for _ in 0..<runs {
                let timed = try Timing.measure(body)
                precondition(timed.result == records)
                times.append(timed.seconds)
            }
            line(label, median: Timing.median(times))
        }
        try report("RecordState(json:), keeping all") { try documents.map { try RecordState(json: $0) }.count }
        try report("RecordState(json:), one at a time") {
            try documents.reduce(0) { count, document in count + (try RecordState(json: document).id.isEmpty ? 0 : 1) }
        }
        try report("StateEnvelope.parse (batches of 500)") { try batches.map { try StateEnvelope.parse($0).states.count }.reduce(0, +) }
        // What a pulling node does to each state after parsing it, before its transaction.
        let schema = BundledPlugins.registry.schema
        try report("Schema.checkState") {
            try states.reduce(0) { count, state in
                try schema.checkState(state)
                return count + 1
            }
        }
        report("canonicalJSON") { states.reduce(0) { $0 + ($1.canonicalJSON.isEmpty ? 0 : 1) } }
        report("displayValues") { states.reduce(0) { $0 + ($1.displayValues.isEmpty ? 0 : 1) } }
        report("displayValues + DisplayValuesJSON.encode") {
            states.reduce(0) { $0 + (DisplayValuesJSON.encode($1.displayValues).isEmpty ? 0 : 1) }
        }
        report("conflictedFields + isDeleted") {
            states.reduce(0) { count, state in count + (state.conflictedFields.count > 99 || state.isDeleted ? 2 : 1) - (state.isDeleted ? 1 : 0) }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "mumbai")
        let store = try LiaisonStore(directory: directory, schema: schema)
        report("LiaisonStore.prepare (batches of 500)") {
            stride(from: 0, to: states.count, by: 500).reduce(0) { count, start in
                count + store.prepare(Array(states[start..<min(start + 500, states.count)])).count
            }
        }
        // The transaction: pages of 500 prepared states merged into an empty store (a first sync).
        let pages = stride(from: 0, to: states.count, by: 500).map {
            store.prepare(Array(states[$0..<min($0 + 500, states.count)]))
        }
        var mergeTimes: [Double] = []
        for run in 0..<runs {
            let target = directory.appendingPathComponent("merge-\(run)")
            try LiaisonStore.initialise(directory: target, office: "chennai")
            let empty = try LiaisonStore(directory: target, schema: schema)
            mergeTimes.append(
                try await Timing.measure {
                    for page in pages { _ = try await empty.merge(page, from: "mumbai.k3f9q2", checkpoint: ("mumbai.k3f9q2", .pull, 1)) }
                }.seconds
            )
        }
        line("LiaisonStore.merge (prepared pages of 500)", median: Timing.median(mergeTimes))
        if !skipFoundation {
            let decoder = JSONDecoder()
            try report("JSONDecoder (RecordState: Decodable)") { try documents.map { try decoder.decode(RecordState.self, from: $0) }.count }
        }
    }
}
