import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

/// `liaison quarantine list|drop`: the states the intake set aside.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List or drop the states this node set aside instead of merging.",
        discussion: """
            A state from a peer or a bundle that breaks an intake rule (docs/operations.md, "Intake \
            limits") is kept here with where it came from and the rule it broke; the rest of its page or \
            bundle merged. Drop an entry once it is dealt with.
            """,
        subcommands: [List.self, Drop.self]
    )
}

extension QuarantineCommand {
    /// `liaison quarantine list [--json]`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What was set aside: source, record id, problem, when (most recent first)."
        )

        @OptionGroup var data: DataOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let entries = try await data.openStore().quarantine()
            if output.json {
                print("[" + entries.map(\.json).joined(separator: ",") + "]")
            } else if entries.isEmpty {
                printForPeople("nothing quarantined")
            } else {
                for entry in entries {
                    let times = entry.times > 1 ? " (\(entry.times) times)" : ""
                    printForPeople(
                        "\(entry.id)  \(Timestamp.iso(entry.lastAt))\(times)  \(TerminalText.line(entry.source))  record \(TerminalText.line(entry.recordID ?? "(no id)"))  \(entry.size) bytes"
                    )
                    printForPeople("    " + TerminalText.line(entry.problem))
                }
            }
        }
    }

    /// `liaison quarantine drop ID|--all`
    struct Drop: AsyncParsableCommand, NumberArgument {
        static let configuration = CommandConfiguration(abstract: "Forget entries an admin has dealt with.")

        @OptionGroup var data: DataOptions
        @Argument(help: ArgumentHelp("The entry to drop (its number in `liaison quarantine list`).", valueName: "ID"))
        var id: Int64?
        @Flag(name: .customLong("all"), help: "Drop every entry.")
        var all = false

        func validate() throws {
            guard (id == nil) != !all else { throw ValidationError("give either an entry ID or --all") }
            if let id, id < 1 { throw ValidationError(Self.outOfRange(String(id))) }
        }

        static func outOfRange(_ given: String) -> String {
            "ID must be an entry number from `liaison quarantine list`, 1 or more, got \(given)"
        }

        func run() async throws {
            let store = try data.openStore()
            if let id {
                try await store.dropQuarantined(id: id)
                printForPeople("dropped \(id)")
            } else {
                printForPeople("dropped \(try await store.dropAllQuarantined())")
            }
        }
    }
}
