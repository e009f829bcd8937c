import ArgumentParser
import Foundation
import LiaisonStore

/// `liaison merge FILE`
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a bundle exported by another node (FILE, or - for stdin).",
        discussion: """
            A bundle that is not well-formed is refused whole: nothing of it is applied. A state in it \
            that breaks an intake rule is quarantined (`liaison quarantine list`) and the rest merges; \
            the command then exits with status 1.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The bundle file, or - for stdin.", valueName: "FILE"))
    var file: String

    func run() async throws {
        let store = try data.openStore()
        let bytes: Data
        if file == "-" {
            bytes = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            bytes = try InputFile.read(file)
        }
        let bundle = try LiaisonBundle(json: bytes)
        let summary = try await store.merge(bundle, origin: "bundle \(file == "-" ? "from stdin" : file)")
        let quarantined = summary.quarantined.count
        if output.json {
            print("{\"changed\":\(summary.changed),\"conflicts\":\(summary.conflicts),\"merged\":\(summary.merged),\"quarantined\":\(quarantined)}")
        } else {
            printForPeople(
                "merged \(summary.merged), changed \(summary.changed), conflicts \(summary.conflicts)"
                    + (quarantined > 0 ? ", quarantined \(quarantined)" : "")
            )
        }
        if quarantined > 0 {
            printQuarantined(
                summary.quarantined,
                listing: "the rest merged; list every quarantined state kept with `\(quarantineListCommand(data))`"
            )
            throw ExitCode(1)
        }
    }
}
