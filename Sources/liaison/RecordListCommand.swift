import ArgumentParser
import LiaisonStore

/// `liaison record list [--track T] [--office O] [--status S] [--conflicted] [--deleted]`
struct RecordListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List records, most recently updated first.")

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only records in this track.", valueName: "T"))
    var track: String?
    @Option(help: ArgumentHelp("Only records of this office.", valueName: "O"))
    var office: String?
    @Option(help: ArgumentHelp("Only records with this status.", valueName: "S"))
    var status: String?
    @Option(help: ArgumentHelp("Only records whose title, parties, agency, officer or notes contain this text.",
                               valueName: "TEXT"))
    var text: String?
    @Flag(help: "Only records with a field in conflict (deleted or not).")
    var conflicted = false
    @Flag(help: "Deleted records instead of live ones.")
    var deleted = false
    @Option(help: ArgumentHelp("At most this many records.", valueName: "N"))
    var limit = 1_000

    func run() async throws {
        let store = try data.openStore()
        let query = RecordQuery(
            track: track, office: office, status: status, conflictedOnly: conflicted, deleted: deleted,
            text: text, limit: limit)
        try checkFilters(query, schema: store.schema)
        let (states, total) = try await store.list(query)
        printRecords(states, total: total, schema: store.schema, json: output.json)
    }
}
