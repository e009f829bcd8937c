import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison record list [--format text|json|csv] [--limit N] [--sort S] [filters]`
struct RecordListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List records: every match unless --limit.",
        discussion: """
            Text and JSON list the most recently updated first; CSV lists records in the order \
            they were made (so that two exports of the same records are the same file), with a \
            column for the id and for every field, ready for `liaison import`.
            Example: liaison record list --format csv --track semiconductors > semiconductors.csv
            """
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("text, json or csv (default: text; --json is --format json).", valueName: "FORMAT"))
    var format: Format?
    @Option(help: ArgumentHelp("Only records in this track.", valueName: "T"))
    var track: String?
    @Option(help: ArgumentHelp("Only records of this office.", valueName: "O"))
    var office: String?
    @Option(help: ArgumentHelp("Only records with this status.", valueName: "S"))
    var status: String?
    @Option(
        help: ArgumentHelp(
            "Only records holding every word of this text in some text field, track fields included, each word the start of a word (at most \(RecordQuery.searchWordLimit) words).",
            valueName: "TEXT"
        )
    )
    var text: String?
    @Flag(help: "Only records with a field in conflict (deleted or not).")
    var conflicted = false
    @Flag(help: "Deleted records instead of live ones (with --conflicted: the deleted ones in conflict).")
    var deleted = false
    @Option(parsing: .unconditional, help: ArgumentHelp("At most this many records (default: every match).", valueName: "N"))
    var limit: Int?
    @Option(
        help: ArgumentHelp(
            "The order: \(RecordQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "ORDER"
        )
    )
    var sort: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more, got \(limit); leave it out for every record") }
        if output.json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) disagree") }
        if let sort, RecordQuery.Sort(rawValue: sort) == nil {
            let known = RecordQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--sort must be one of \(known), got \"\(sort)\"")
        }
        if let problem = RecordQuery(text: text).searchWordsProblem { throw ValidationError("--text: \(problem)") }
    }

    func run() async throws {
        let store = try data.openStore()
        let format = output.json ? .json : format ?? .text
        var query = RecordQuery(
            track: track,
            office: office,
            status: status,
            conflictedOnly: conflicted,
            deleted: deleted,
            text: text,
            limit: limit ?? Int.max
        )
        query.sort = sort.flatMap(RecordQuery.Sort.init(rawValue:)) ?? (format == .csv ? .created : .updated)
        // A filter value the schema does not know is a mistake in the command line, as a bad --sort is.
        do { try query.check(against: store.schema) } catch { throw ArgumentParser.ValidationError(error.description) }
        switch format {
        case .csv: try printCSV(store, query)
        case .json: try printJSON(store, query)
        case .text: try await printText(store, query)
        }
    }
}
