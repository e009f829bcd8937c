import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// The `liaison` command: parses arguments and calls the library modules, nothing more.
@main
struct Liaison: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liaison",
        abstract: "A replicated partnership-record store for the US Commercial Service offices in India.",
        discussion: """
            The data directory is --data DIR, else $LIAISON_DATA, else ./liaison-data.
            Start a node with `liaison init --office SLUG`.
            """,
        version: LiaisonRelease.version,
        subcommands: subcommands
    )

    /// Every subcommand, in the order `--help` lists them. Add new subcommands here.
    static let subcommands: [any ParsableCommand.Type] = [
        InitCommand.self,
        RecordCommand.self,
        ResolveCommand.self,
        ExportCommand.self,
        MergeCommand.self,
        QuarantineCommand.self,
        PeerCommand.self,
        PeersCommand.self,
        SyncCommand.self,
        TokenCommand.self,
        UserCommand.self,
        ServeCommand.self,
        ReportCommand.self,
        PluginsCommand.self,
        SeedCommand.self,
        StatusCommand.self,
        ClusterCommand.self,
        ImportCommand.self,
        BackupCommand.self,
        RestoreCommand.self,
    ]

    @OptionGroup var data: DataOptions

    /// Runs the command. Every error prints as one `error: ...` line on stderr: failures of the
    /// library exit 1, mistakes in the command line exit 64 after a line naming the help to
    /// read (``exit(reporting:arguments:)``).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(reporting: error, arguments: arguments)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            try StandardOutput.finish()
        } catch let error as any CLIReportableError {
            printError(error.cliMessage)
            Foundation.exit(error.cliExitCode)
        } catch  where LiaisonStore.isBusy(error) {
            // In the store's words, not SQLite's (`SQLite error 5: database is locked - while executing BEGIN IMMEDIATE TRANSACTION`).
            printError(LiaisonStore.busyMessage)
            Foundation.exit(1)
        } catch {
            exit(reporting: error, arguments: arguments)
        }
    }
}
