import LiaisonCore

/// What one row of an import writes to the record it names.
public struct ImportUpdate: Hashable, Sendable, CustomStringConvertible {
    /// The row's number, as a spreadsheet shows it (``CSVTable/Row/row``).
    public let row: Int
    /// The record written.
    public let id: String
    /// The fields written, sorted by name.
    public let fields: [String]
    /// The fields the write leaves in conflict: those of ``fields`` that another write made since
    /// the version the row was exported at holds a different value in, then `deleted` when the
    /// row's edit stands against a delete made since (see ``deleteConflict``).
    public let conflicts: [String]
    /// Why `deleted` is in conflict after the write, when it is.
    public let deleteConflict: DeleteConflict?

    /// Why a row's write leaves `deleted` in conflict: every write but a delete also writes
    /// `deleted = false` (docs/design.md §4), so a delete and an edit that did not see each
    /// other are a conflict on `deleted`, whichever field the edit changed.
    public enum DeleteConflict: Hashable, Sendable, CustomStringConvertible {
        /// The row deletes the record, which was edited since the export: these fields, sorted
        /// (none when the log does not say which).
        case editedSinceExport([String])
        /// The row edits the record, which was deleted since the export.
        case deletedSinceExport

        /// `the record was edited since the export (notes)`, `the record was deleted since the export`.
        public var description: String {
            switch self {
            case .editedSinceExport(let fields):
                "the record was edited since the export" + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))")
            case .deletedSinceExport: "the record was deleted since the export"
            }
        }
    }

    /// The update of row `row` of record `id` that wrote `fields` with `event`, leaving `state`:
    /// its conflicts are the fields `state` holds in conflict, the other writes in them made
    /// since the row's version (the write covers every write of that version). `events` (the
    /// record's write log) is read only to name what a delete stands against.
    init(row: Int, id: String, fields: [String], event: WriteEvent, state: RecordState, events: () throws -> [WriteEvent]) rethrows {
        self.row = row
        self.id = id
        self.fields = fields
        let others = state.entries(of: deletedField).filter { $0.dot != event.dot }
        if !state.isConflicted(deletedField) {
            deleteConflict = nil
        } else if event.values[deletedField] == .bool(true) {
            let edits = Set(others.filter { $0.value == .bool(false) }.map(\.dot))
            let written = try events().filter { edits.contains($0.dot) }.flatMap(\.values.keys)
            deleteConflict = .editedSinceExport(Set(written).subtracting([deletedField]).sorted())
        } else {
            deleteConflict = .deletedSinceExport
        }
        conflicts =
            fields.filter(state.isConflicted)
            + (deleteConflict != nil && !fields.contains(deletedField) ? [deletedField] : [])
    }

    /// `update ID: status, title`, then why the write leaves conflicts:
    /// `(conflict on status: changed since the export)`,
    /// `(conflict on deleted: the record was edited since the export (notes))`.
    public var description: String {
        let changed = conflicts.filter { $0 != deletedField }
        let reasons =
            (changed.isEmpty ? [] : ["conflict on \(changed.joined(separator: ", ")): changed since the export"])
            + (deleteConflict.map { ["conflict on \(deletedField): \($0)"] } ?? [])
        return "update \(id): \(fields.joined(separator: ", "))" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))")
    }
}
