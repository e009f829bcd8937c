import Foundation
import GRDB
public import LiaisonCore

/// What an import did, or would do (`dryRun`).
public struct ImportSummary: Hashable, Sendable {
    /// Records made.
    public var created = 0
    /// Records changed.
    public var updated = 0
    /// Rows with an `id` whose record already shows every value of the row.
    public var unchanged = 0
    /// What each updating row writes, in row order.
    public var updates: [ImportUpdate] = []
    /// Whether nothing was written.
    public var dryRun = false

    /// A summary of nothing done yet.
    public init(dryRun: Bool = false) {
        self.dryRun = dryRun
    }
}

/// An import refused because rows are bad: every problem, in row order. Nothing was written.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem found.
    public let problems: [ImportProblem]

    public var description: String {
        let rows = Set(problems.map(\.row)).count
        return "nothing imported: \(Wording.counted(rows, "bad row")), \(Wording.counted(problems.count, "problem"))"
    }
}

extension LiaisonStore {
    /// Imports a checked spreadsheet in one transaction, credited to `author`: each row without
    /// an `id` (or with the id of a record this node does not have) creates a record (office
    /// defaults to this node's, status to `identified`); a row with the id of a record writes
    /// what ``RecordState/importChanges(_:exportedAt:events:)`` says: with the `version` the row
    /// was exported at, the cells changed in the file, against that version (writes made since
    /// stay, as conflicts where the file changed the same field); without one, the cells that
    /// differ from what the record shows, against its current version (an empty cell clears).
    /// Every row is checked as data entry checks it; if any row is bad
    /// (the plan's problems included), nothing is written and ``ImportError`` lists them all.
    ///
    /// The file's `hash` is kept: the same file is refused the second time (``StoreError``
    /// `.refused`) unless `again`. A record a row creates takes an id made from `hash` and the
    /// row, so the file is refused too at a node holding any of its records from another office,
    /// and two offices importing it before they sync make the same records; with `again`, new
    /// ids. With `dryRun`, everything is checked and counted, nothing written.
    public func importRecords(
        _ plan: ImportPlan,
        hash: String,
        fileName: String,
        author: String,
        dryRun: Bool = false,
        again: Bool = false
    ) async throws -> ImportSummary {
        let meta = try meta(author)
        do {
            return try await write { db in
                // A new record's id names the file and the row, so that the same file imported at
                // another office, or here, is seen; --again makes new records of it.
                let newIDs = plan.rows.map { row in
                    again ? RecordID.make() : Self.importedRecordID(fileHash: hash, row: row.row)
                }
                if !again {
                    let creating = zip(plan.rows, newIDs).filter { row, _ in row.id == nil }.map { _, id in id }
                    try db.refuseImportedBefore(hash: hash, newIDs: creating)
                }
                var summary = ImportSummary(dryRun: dryRun)
                var problems = plan.problems
                // The row that wrote each record: two ids that read as one record (an id and the
                // same in capitals) would have the second row's edit silently replace the first's.
                var rowOfRecord: [String: Int] = [:]
                for (row, newID) in zip(plan.rows, newIDs) {
                    do {
                        let claim = { (id: String) throws in
                            if let earlier = rowOfRecord.updateValue(row.row, forKey: id) {
                                throw StoreError(.invalid, "record \(id) is also on row \(earlier)")
                            }
                        }
                        switch try self.importRow(row, newID: newID, wording: plan.mapWording, db: db, meta: meta, claim: claim) {
                        case .created: summary.created += 1
                        case .updated(let update):
                            summary.updated += 1
                            summary.updates.append(update)
                        case .unchanged: summary.unchanged += 1
                        }
                    } catch let error as ValidationError {
                        problems += error.issues.map { ImportProblem(row: row.row, field: $0.field, message: $0.message) }
                    } catch let error as StoreError {
                        problems.append(ImportProblem(row: row.row, field: ImportPlan.idColumn, message: error.message))
                    }
                }
                guard problems.isEmpty else {
                    throw ImportError(problems: problems.sorted { ($0.row, $0.field ?? "") < ($1.row, $1.field ?? "") })
                }
                try db.refreshStaleSearch()
                try db.execute(
                    sql: """
                        INSERT INTO imported_file (hash, file_name, author, imported_at, created, updated) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(hash) DO UPDATE SET file_name = excluded.file_name, author = excluded.author,
                            imported_at = excluded.imported_at, created = excluded.created, updated = excluded.updated
                        """,
                    arguments: [hash, fileName, author, meta.at, summary.created, summary.updated]
                )
                if dryRun { throw DryRunFinished(summary: summary) }
                return summary
            }
        } catch let finished as DryRunFinished {
            return finished.summary
        }
    }

    /// The hash a file is recognised by: SHA-256 of its text without a byte-order mark and with
    /// CRLF line ends as LF, so that the same spreadsheet is the same file whether it came
    /// through the command line or a browser (which sends CRLF).
    public static func importHash(of text: String) -> String {
        var normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        if normalised.hasPrefix("\u{FEFF}") { normalised.removeFirst() }
        return TokenDigest(normalised).hex
    }

    private enum RowOutcome {
        case created
        case updated(ImportUpdate)
        case unchanged
    }

    /// Writes one row (see ``importRecords(_:hash:fileName:author:dryRun:again:)``); a record it
    /// creates takes the row's id, else `newID`. Advice names a map entry as `wording` writes it.
    /// `claim` is given the record's id first, and throws when another row wrote it.
    private func importRow(
        _ row: ImportPlan.Row,
        newID: String,
        wording: ImportPlan.MapWording,
        db: Database,
        meta: WriteMeta,
        claim: (String) throws -> Void
    ) throws -> RowOutcome {
        // The record the row's id means, as a command's ID (exactly, then in lower case): a row
        // of a record stored under an id in capitals updates that record, not the lower-case one.
        if let given = row.id, var state = try db.loadState(given: given) {
            let id = state.id
            try claim(id)
            // A row exported where writes this node has not received were already in: which of
            // its cells the file changed cannot be told here (an untouched cell may hold another
            // office's newer value, or an older one than this node's).
            if let version = row.version, !state.context.covers(version) {
                let offices = Set(version.counters.filter { state.context[$0.key] < $0.value }.keys.map(ReplicaID.office(of:)))
                throw StoreError(
                    .refused,
                    "record \(id) was exported at a node that had changes to it this node has not received yet (from \(offices.sorted().joined(separator: ", "))): sync, then import the file again"
                )
            }
            let (changes, read) = try state.importChanges(row.values, exportedAt: row.version) {
                try db.events(recordID: id, after: 0)
            }
            if changes.isEmpty { return .unchanged }
            // As an edit: refused when its writer saw the delete, a conflict on `deleted` when not.
            if state.isDeleted(asSeenAt: read) {
                throw StoreError(.refused, "record \(id) is deleted; restore it with resolve first")
            }
            let before = state
            let event = try state.loggedWrite(changes, readContext: read, replica: identity.replicaID, meta: meta)
            try schema.checkRecord(state, before: before)
            try db.log(event, at: db.save(state))
            let update = try ImportUpdate(row: row.row, id: id, fields: changes.keys.sorted(), event: event, state: state) {
                try db.events(recordID: id, after: 0)
            }
            return .updated(update)
        }
        // A spreadsheet's own numbering (1, 2, 3) as record ids would collide with another
        // office's that did the same: a new record's id must be one no other office makes.
        if let id = row.id, !RecordID.isUUID(id) {
            throw StoreError(
                .invalid,
                "no record here has id \"\(id)\", and a new record's id must be a UUID (as Liaison makes them); if this column is the spreadsheet's own numbering, skip it with \(wording("COLUMN="))"
            )
        }
        var values = row.values.filter { !$0.value.isNull }
        if values["office"] == nil { values["office"] = .text(identity.office) }
        if values["status"] == nil { values["status"] = .text("identified") }
        // A UUID in capitals is the lower-case id Liaison writes (docs/design.md §3).
        var state = RecordState(id: row.id.map(RecordID.canonical) ?? newID)
        try claim(state.id)
        let event = try state.loggedWrite(values, readContext: .empty, replica: identity.replicaID, meta: meta)
        // A row with the id of a record this node does not hold carries that record from another
        // node (an export), as it stands there.
        try schema.checkRecord(state, carried: row.id != nil)
        try db.log(event, at: db.save(state))
        return .created
    }
}

/// Ends a dry run's transaction (rolling it back) with what it would have done.
private struct DryRunFinished: Error {
    let summary: ImportSummary
}
