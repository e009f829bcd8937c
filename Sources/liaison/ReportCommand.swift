import ArgumentParser
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import LiaisonStore

/// `liaison report ID [--format md|html|csv|json] [--office O] [--from DATE] [--to DATE] [--out FILE]`
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build a report (overview, or a plugin's: critical_minerals, sccp, ...).",
        discussion: """
            Reports list with `liaison plugins`. Output goes to stdout unless --out is given. \
            With --format csv, --out DIR (an existing directory, or a path ending in /) writes \
            one CSV file per table; otherwise all tables go in one stream of sections. \
            --from and --to place a record by its opened_on date; a record without one counts \
            on the day (UTC) of its last write.
            """
    )

    @OptionGroup var data: DataOptions

    @Argument(help: "The report id: overview, or a plugin id such as critical_minerals.")
    var id: String

    @Option(help: ArgumentHelp("md, html, csv or json.", valueName: "FORMAT"))
    var format: String = "json"

    @Option(help: ArgumentHelp("Only records of this office (slug, e.g. mumbai).", valueName: "OFFICE"))
    var office: String?

    @Option(help: ArgumentHelp("Only records opened (else last written) on or after this day.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Only records opened (else last written) on or before this day.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: ArgumentHelp("Write to FILE (or, for csv, a directory) instead of stdout.", valueName: "FILE"))
    var out: String?

    /// A report, format, office or date the command cannot take is a mistake in the command
    /// line, as `record list --office paris` is: one error line, the help to read, exit 64.
    func validate() throws {
        do {
            _ = try ReportFormat(parsing: format)
            try BundledPlugins.registry.validate(request)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }

    /// The report asked for.
    private var request: ReportRequest { ReportRequest(id: id, office: office, period: ReportPeriod(from: from, to: to)) }

    func run() async throws {
        let format = try ReportFormat(parsing: self.format)
        let registry = BundledPlugins.registry
        let store = try data.openStore()
        if let out {
            try store.refuseInsideDataDirectory(URL(fileURLWithPath: out), "write the report outside it")
        }
        let document = try await registry.report(request, from: store)
        guard let out else {
            let rendered = ReportRenderer.render(document, as: format)
            // Markdown on stdout is read on a terminal; the other formats are data or a page.
            try StandardOutput.write((format == .md ? TerminalText.output(rendered) : rendered).utf8)
            return
        }
        let url = URL(fileURLWithPath: out)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if format == .csv, out.hasSuffix("/") || (exists && isDirectory.boolValue) {
            let files = CSVRenderer().files(document)
            // Each file is checked as a FILE given to --out is, all before any is written: one
            // may be there already as a store, a backup, or a link into the data directory.
            let targets = try files.map { file in
                let path = (out.hasSuffix("/") ? out : out + "/") + file.name
                try store.refuseInsideDataDirectory(URL(fileURLWithPath: path), "write the report outside it")
                return try OutputFile.url(path, writing: "report")
            }
            for (file, target) in zip(files, targets) {
                try OutputFile.write(Data(file.csv.utf8), to: target, makingDirectories: true)
            }
            FileHandle.standardError.write(Data("wrote \(files.count) CSV files to \(url.path)\n".utf8))
        } else {
            let file = try OutputFile.url(out, writing: "report")
            try OutputFile.write(Data(ReportRenderer.render(document, as: format).utf8), to: file)
            FileHandle.standardError.write(Data("wrote \(file.path)\n".utf8))
        }
    }
}

extension ReportRequestError: CLIReportableError {}
extension ReportFormatError: CLIReportableError {}
