import Foundation
import LiaisonCore
import LiaisonStore

/// Prints a record: its ``RecordView`` JSON (one line), or a block for people.
func printRecord(_ state: RecordState, schema: Schema, json: Bool) {
    let view = RecordView(state)
    if json { print(view.json) } else { printForPeople(RecordText.block(view, schema: schema), terminator: "") }
}

/// Prints every record of `query` as CSV (``RecordCSV``), one record at a time.
func printCSV(_ store: LiaisonStore, _ query: RecordQuery) throws {
    let csv = RecordCSV(schema: store.schema)
    var out = StandardOutput(forPeople: false)
    out.write(csv.header)
    try store.forEachDisplayed(matching: query) {
        out.write(csv.line(id: $0.record.id, values: $0.record.values, deleted: $0.deleted, version: $0.version))
    }
    try out.flush()
}

/// Prints every record of `query` as one JSON array of views (one line), one record at a time.
func printJSON(_ store: LiaisonStore, _ query: RecordQuery) throws {
    var out = StandardOutput(forPeople: false)
    var first = true
    out.write("[")
    try store.forEachState(matching: query) { state in
        out.write((first ? "" : ",") + RecordView(state).json)
        first = false
    }
    out.write("]\n")
    try out.flush()
}

/// Prints every record of `query` as one block each, then how many (`12 of 40 records` when
/// `--limit` cut the list).
func printText(_ store: LiaisonStore, _ query: RecordQuery) async throws {
    var out = StandardOutput(forPeople: true)
    var shown = 0
    try store.forEachState(matching: query) { state in
        out.write((shown > 0 ? "\n" : "") + RecordText.block(RecordView(state), schema: store.schema))
        shown += 1
    }
    let total = shown < query.limit ? shown : try await store.count(matching: query)
    let noun = total == 1 ? "record" : "records"
    out.write(shown == 0 ? "no records\n" : shown == total ? "\n\(total) \(noun)\n" : "\n\(shown) of \(total) \(noun)\n")
    try out.flush()
}

/// The human-readable form of a record.
enum RecordText {
    /// The mark of a write whose time is outside the range every office accepts
    /// (``WriteMeta/isTimeOutOfRange``), in its history entry and its value's CONFLICT line.
    static let clockWasWrong = "clock was wrong"

    /// A block: id, version, each field in schema order, conflicts with every value. Values are
    /// shown through ``TerminalText``: a value's further lines are indented under its first.
    ///
    /// ```
    /// record 0197...  [CONFLICT]
    ///   version   MXxtdW1iYWk...
    ///   title     Lithium JV
    ///   status    mou_signed   <- CONFLICT, 2 values:
    ///               * mou_signed     by asha at chennai.x1, 2026-03-01T10:00:00.000Z (shown)
    ///                 in_discussion  by ravi at mumbai.y2, 2026-03-01T09:59:00.000Z
    /// ```
    static func block(_ view: RecordView, schema: Schema) -> String {
        var flags: [String] = []
        if view.deleted { flags.append("DELETED") }
        if view.isConflicted { flags.append("CONFLICT") }
        var lines = ["record \(view.id)" + (flags.isEmpty ? "" : "  [" + flags.joined(separator: ", ") + "]")]
        var names = schema.fields.map(\.name).filter { view.fields[$0] != nil || view.conflicts[$0] != nil }
        let known = Set(names)
        names += Set(view.fields.keys).union(view.conflicts.keys).subtracting(known).subtracting([deletedField]).sorted()
        if view.conflicts[deletedField] != nil { names.append(deletedField) }
        let width = max(9, names.map { TerminalText.line($0).count }.max() ?? 0) + 2
        func label(_ text: String) -> String { "  " + TerminalText.line(text).padding(toLength: width, withPad: " ", startingAt: 0) }
        lines.append(label("version") + view.version.description)
        for name in names {
            let shown = name == deletedField ? FieldValue.bool(view.deleted) : view.fields[name] ?? .null
            guard let values = view.conflicts[name] else {
                lines.append(label(name) + TerminalText.block(shown.displayText, indent: width + 2))
                continue
            }
            lines.append(label(name) + TerminalText.line(shown.displayText) + "   <- CONFLICT, \(values.count) values:")
            let valueWidth = min(40, values.map { TerminalText.line($0.value.displayText).count }.max() ?? 0) + 2
            for (index, conflict) in values.enumerated() {
                let text = conflict.value.isNull ? "(cleared)" : TerminalText.line(conflict.value.displayText)
                lines.append(
                    String(repeating: " ", count: width + 4) + (index == 0 ? "* " : "  ")
                        + text.padding(toLength: max(valueWidth, text.count), withPad: " ", startingAt: 0)
                        + " by \(TerminalText.line(conflict.author)) at \(TerminalText.line(conflict.replica)), \(conflict.at)"
                        + (conflict.timeOutOfRange ? " [\(clockWasWrong)]" : "") + (index == 0 ? " (shown)" : "")
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
