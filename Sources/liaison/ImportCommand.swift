public import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

extension DateOrder: ExpressibleByArgument {}

/// `liaison import FILE.csv [--dry-run] [--map COLUMN=FIELD]... [--dates day-first|month-first] [--again] [--json]`
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records from a spreadsheet (CSV or tab-separated text): every row is checked first; one bad row imports nothing.",
        discussion: """
            Columns map to fields by name (title, status, critical_minerals.mineral, ...; case, spaces, \
            _ and - do not matter) or by --map "Deal name=title" (repeat --map for more columns; \
            --map "Column=" skips one). Choices match case- and space-insensitively (Closed Won is \
            closed_won), tracks may be separated by ; or , and dates may be YYYY-MM-DD or dd/mm/yyyy (day first, as Excel writes them in India); \
            a file whose dates include one like 12/31/2026 is read month first, as US Excel writes them, and --dates states the order. \
            A row with an id updates that record; other rows create records. The same file is \
            refused the second time unless --again, also at another office once the records it made there \
            have synced; two offices importing it before they sync make one record of each row. The CSV of `liaison record list --format csv` \
            imports back unchanged; its version column makes each row an edit made at that \
            version, so cells you left alone never undo changes made since, and a cell changed \
            since and in the file becomes a conflict. --dry-run names the fields each row updates and the order it read dates in (an import says the order when the file told it or --dates stated it).
            Example: liaison import deals.csv --dry-run --map "Deal name=title"
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var author: AuthorOptions

    @Argument(
        help: ArgumentHelp(
            "The spreadsheet, saved as CSV (UTF-8 or Windows) or as Unicode Text (UTF-16, tab-separated).",
            valueName: "FILE.csv"
        )
    )
    var file: String

    @Flag(help: "Check every row and say what would happen; write nothing.")
    var dryRun = false

    @Flag(help: "Import a file that was imported before.")
    var again = false

    @Option(help: ArgumentHelp("Which field a column holds, or none (\"Notes 2=\").", valueName: "COLUMN=FIELD"))
    var map: [String] = []

    @Option(help: ArgumentHelp("The order of day and month in slash dates, whatever the file's dates tell.", valueName: "ORDER"))
    var dates: DateOrder?

    func validate() throws {
        do { _ = try ImportPlan.columnMap(map) } catch { throw ValidationError(error.description { "--map \($0)" }) }
    }

    func run() async throws {
        let bytes = try InputFile.read(file)
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let text: String
        do { text = try CSVFileText.decode(bytes) } catch { throw CommandFailure("\(file): \(error)") }
        let store = try data.openStore()
        let columns = (try? ImportPlan.columnMap(map)) ?? [:]  // validate() refused a map that is not one
        let plan: ImportPlan
        do {
            plan = ImportPlan(table: try CSVReader.read(text), schema: store.schema, map: columns, dates: dates)
        } catch {
            throw CommandFailure("\(file), \(error)")
        }
        do {
            let summary = try await store.importRecords(
                plan,
                hash: LiaisonStore.importHash(of: text),
                fileName: fileName,
                author: author.author,
                dryRun: dryRun,
                again: again
            )
            if output.json {
                print(Self.json(summary, dates: plan.dates, problems: []))
            } else {
                printForPeople(Self.text(summary, dates: plan.dates, file: fileName))
            }
        } catch let error as ImportError {
            if output.json {
                print(Self.json(ImportSummary(dryRun: dryRun), dates: plan.dates, problems: error.problems))
            } else {
                printError("\(file): \(error)")
                FileHandle.standardError.write(Data(error.problems.map { "  " + TerminalText.line("\($0)") + "\n" }.joined().utf8))
            }
            throw ExitCode(1)
        }
    }

    /// The summary line; below it, the order dates were read in (``ImportDates``) when the file
    /// told it or it was stated (a dry run says it always), then, for a dry run, what each
    /// updating row would write.
    static func text(_ summary: ImportSummary, dates: ImportDates, file: String) -> String {
        if summary.dryRun {
            return "dry run of \(file): would create \(Wording.counted(summary.created, "record")), update \(summary.updated), "
                + "leave \(summary.unchanged) unchanged; nothing was written\n\(dates)"
                + summary.updates.map { "\n  \($0)" }.joined()
        }
        let imported =
            "imported \(file): created \(Wording.counted(summary.created, "record")), updated \(summary.updated), \(summary.unchanged) unchanged"
        return dates.source == .default ? imported : "\(imported)\n\(dates)"
    }

    /// `{"created","updated","unchanged","dry_run","imported","dates":{"order","from","line"},
    /// "updates":[{"line","id","fields","conflicts"}],"problems":[{"line","field","message"}]}`: `order` is
    /// `day-first` or `month-first`, `from` is `stated`, `detected` or `default`, and `line` the row
    /// whose date told the order (`null` unless detected).
    static func json(_ summary: ImportSummary, dates: ImportDates, problems: [ImportProblem]) -> String {
        var writer = JSONWriter()
        writer.raw("{\"created\":\(summary.created),\"updated\":\(summary.updated),\"unchanged\":\(summary.unchanged),")
        writer.raw("\"dry_run\":\(summary.dryRun),\"imported\":\(problems.isEmpty && !summary.dryRun),\"dates\":{\"order\":")
        writer.string(dates.order.rawValue)
        writer.raw(",\"from\":")
        writer.string(dates.source.rawValue)
        writer.raw(",\"line\":\(dates.evidence.map { "\($0.row)" } ?? "null")},\"updates\":")
        writer.array(summary.updates) { writer, update in
            writer.raw("{\"line\":\(update.row),\"id\":")
            writer.string(update.id)
            writer.raw(",\"fields\":")
            writer.array(update.fields) { $0.string($1) }
            writer.raw(",\"conflicts\":")
            writer.array(update.conflicts) { $0.string($1) }
            writer.raw("}")
        }
        writer.raw(",\"problems\":")
        writer.array(problems) { writer, problem in
            writer.raw("{\"line\":\(problem.row),\"field\":")
            if let field = problem.field { writer.string(field) } else { writer.raw("null") }
            writer.raw(",\"message\":")
            writer.string(problem.message)
            writer.raw("}")
        }
        writer.raw("}")
        return writer.output
    }
}
