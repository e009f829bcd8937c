import ArgumentParser
import LiaisonCore
import LiaisonStore

/// `liaison record history [--json] ID`
struct RecordHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every write ever made to a record, at any office, newest first."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The record id.")
    var id: String

    func validate() throws { try RecordGetCommand.check(id: id) }

    func run() async throws {
        let store = try data.openStore()
        guard let history = try await store.history(id: id) else {
            throw StoreError(.notFound, "no record \(id)")
        }
        if output.json {
            print(HistoryEntry.json(history))
        } else {
            printForPeople(history.map(Self.block).joined(separator: "\n"), terminator: "")
        }
    }

    /// One event as text: when, where, who, its marks, then each field as old → new. What came
    /// from a write (names, values) is shown on one line each (``TerminalText/line(_:)``), so a
    /// value cannot forge an entry.
    static func block(_ entry: HistoryEntry) -> String {
        let event = entry.event
        var marks: [String] = []
        if entry.concurrent { marks.append("conflict") }
        if entry.isResolution { marks.append("resolution") }
        if event.reconstructed { marks.append("reconstructed") }
        if event.isTimeOutOfRange { marks.append(RecordText.clockWasWrong) }
        let when = event.isTimeUnknown ? "(time unknown)" : Timestamp.iso(event.meta.at)
        var text = "\(when)  " + [entry.office, event.meta.author, event.dot.description].map(TerminalText.line).joined(separator: "  ")
        if !marks.isEmpty { text += "  [" + marks.joined(separator: ", ") + "]" }
        text += "\n"
        // `deleted = false` goes with nearly every write: shown only where it restored a deleted record.
        let restored = entry.superseded[deletedField]?.contains(.bool(true)) ?? false
        for (name, value) in event.values.sorted(by: { $0.key < $1.key }) where name != deletedField || value != .bool(false) || restored {
            let old = entry.replacedValues(of: name).map(Self.show).joined(separator: " | ")
            text += "  \(TerminalText.line(name)): " + (old.isEmpty ? "" : "\(old) → ") + Self.show(value) + "\n"
        }
        return text
    }

    private static func show(_ value: FieldValue) -> String {
        value.isNull ? "(empty)" : TerminalText.line(value.displayText)
    }
}
