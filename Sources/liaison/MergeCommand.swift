import ArgumentParser
import Foundation
import LiaisonStore

/// `liaison merge FILE`
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a bundle exported by another node (FILE, or - for stdin).",
        discussion: "A bad bundle is refused whole: nothing of it is applied.")

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
            do {
                bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CommandFailure("cannot read \(file): \((error as NSError).localizedDescription)")
            }
        }
        let bundle = try LiaisonBundle(json: bytes)
        let summary = try await store.merge(bundle)
        if output.json {
            print("{\"changed\":\(summary.changed),\"conflicts\":\(summary.conflicts),\"merged\":\(summary.merged)}")
        } else {
            print("merged \(summary.merged), changed \(summary.changed), conflicts \(summary.conflicts)")
        }
    }
}
