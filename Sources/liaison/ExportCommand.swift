import ArgumentParser
import Foundation
import LiaisonStore

/// `liaison export [--since SEQ] [--out FILE]`
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a bundle of record states (JSON) for another node to merge.",
        discussion: """
            The bundle holds each record changed after SEQ once, whole. Its "last_sequence" is \
            the SEQ to give next time to send only newer changes.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Only states changed after this local sequence.", valueName: "SEQ"))
    var since: Int64 = 0

    @Option(help: ArgumentHelp("Write to FILE (through a temporary file) instead of stdout.", valueName: "FILE"))
    var out: String?

    func validate() throws {
        guard since >= 0 else { throw ValidationError("--since must be a sequence, 0 or more, got \(since)") }
    }

    func run() async throws {
        let store = try data.openStore()
        if let out {
            // Checked first: naming the store itself says it is inside the data directory.
            try store.refuseInsideDataDirectory(URL(fileURLWithPath: out), "export to a file outside it")
            let result = try await store.exportBundle(since: since, toFile: OutputFile.url(out, writing: "export"))
            FileHandle.standardError.write(
                Data(
                    "exported \(result.states) \(result.states == 1 ? "state" : "states") up to sequence \(result.lastSequence) to \(out)\n".utf8
                )
            )
        } else {
            _ = try await store.exportBundle(since: since) { try StandardOutput.write($0) }
        }
    }
}
