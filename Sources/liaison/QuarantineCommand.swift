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

        /// Entries read from the store at a time: the list is printed a page at a time, never
        /// held whole (up to 16 MiB of bytes a source).
        static let pageSize = 50

        func run() async throws {
            let store = try data.openStore()
            var out = StandardOutput(forPeople: !output.json)
            var cursor: QuarantineCursor?
            var shown = 0
            if output.json { out.write("[") }
            repeat {
                let page = try await store.quarantine(limit: Self.pageSize, after: cursor)
                for entry in page.entries {
                    if output.json {
                        out.write((shown == 0 ? "" : ",") + entry.json)
                    } else {
                        let times = entry.times > 1 ? " (\(entry.times) times)" : ""
                        out.write(
                            "\(entry.id)  \(Timestamp.iso(entry.lastAt))\(times)  \(TerminalText.line(entry.source))  record \(TerminalText.line(entry.recordID ?? "(no id)"))  \(entry.size) bytes\n"
                        )
                        out.write("    " + TerminalText.line(entry.problem) + "\n")
                    }
                    shown += 1
                }
                cursor = page.next
            } while cursor != nil
            if output.json {
                out.write("]\n")
            } else if shown == 0 {
                out.write("nothing quarantined\n")
            }
            try out.flush()
        }
    }

    /// `liaison quarantine drop ID|--all`
    struct Drop: AsyncParsableCommand, NumberArgument {
        static let configuration = CommandConfiguration(abstract: "Forget entries an admin has dealt with.")

        @OptionGroup var data: DataOptions
        @Argument(help: ArgumentHelp("The entry to drop (its number in `liaison quarantine list`).", valueName: "ID"))
        var id: String?
        @Flag(name: .customLong("all"), help: "Drop every entry.")
        var all = false

        /// The entry `id` names: read here rather than by ArgumentParser, so that a word where the
        /// number goes (`drop abc`) is refused as a number out of range is, naming what is expected.
        private var entry: Int64? { id.flatMap { Int64($0) } }

        func validate() throws {
            guard (id == nil) != !all else { throw ValidationError("give either an entry ID or --all") }
            if let id, (entry ?? 0) < 1 { throw ValidationError(Self.outOfRange(id)) }
        }

        static func outOfRange(_ given: String) -> String {
            "ID must be an entry number from `liaison quarantine list`, 1 or more, got \(given)"
        }

        func run() async throws {
            let store = try data.openStore()
            if let entry {
                try await store.dropQuarantined(id: entry)
                printForPeople("dropped \(entry)")
            } else {
                printForPeople("dropped \(try await store.dropAllQuarantined())")
            }
        }
    }
}
