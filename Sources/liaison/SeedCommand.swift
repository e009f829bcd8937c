import ArgumentParser
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore

/// `liaison seed --records N [--seed S] [--today DATE]`: fills the store with sample records.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Add deterministic sample records to the store (for demos, tests and benchmarks).",
        discussion: """
            The same --seed and --today give the same records. Records span every track, the seven
            offices and the two years before --today; about 3% carry an open conflict and 1% are deleted.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("How many records to make.", valueName: "N"))
    var records: Int

    @Option(parsing: .unconditional, help: ArgumentHelp("The seed of the generator.", valueName: "S"))
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("The last day records are dated (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?

    static let batchSize = 5_000

    func validate() throws {
        guard records >= 0 else { throw ValidationError("--records must be 0 or more, got \(records)") }
        if let today, (try? Schema.core.check(field: "opened_on", value: .text(today))) == nil {
            throw ValidationError("--today must be a date YYYY-MM-DD, got \(today)")
        }
    }

    func run() async throws {
        let store = try data.openStore()
        let day = today ?? String(Timestamp.iso(Timestamp.millis()).prefix(10))
        var generator = SampleDataGenerator(
            seed: seed,
            replica: store.identity.replicaID,
            schema: store.schema,
            today: day
        )
        var summary = MergeSummary()
        var remaining = records
        // Many records into a smaller store go in as a bulk load (indexes built once at the end).
        try await store.loadingInBulk(records) { _ in
            while remaining > 0 {
                let batch = try generator.next(min(remaining, Self.batchSize))
                remaining -= batch.count
                let merged = try await store.merge(batch)
                summary.merged += merged.merged
                summary.changed += merged.changed
                summary.conflicts += merged.conflicts
            }
        }
        if output.json {
            print("{\"added\":\(summary.changed),\"conflicts\":\(summary.conflicts),\"generated\":\(summary.merged)}")
        } else {
            printForPeople("added \(summary.changed) records (\(summary.conflicts) with open conflicts)")
        }
    }
}
