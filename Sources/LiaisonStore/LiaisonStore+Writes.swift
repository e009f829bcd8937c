import Foundation
import GRDB
public import LiaisonCore

extension LiaisonStore {
    /// Creates a record from checked values. `office` defaults to this node's office and
    /// `status` to `identified`.
    /// - Throws: `ValidationError` naming every bad field; nothing is stored then.
    public func create(_ values: [String: FieldValue], author: String) async throws -> RecordState {
        var values = try schema.checkWrite(values)
        if values["office"] == nil { values["office"] = .text(identity.office) }
        if values["status"] == nil { values["status"] = .text("identified") }
        var state = RecordState(id: RecordID.make())
        let event = try state.loggedWrite(values, readContext: .empty, replica: identity.replicaID, meta: meta(author))
        try schema.checkRecord(state)
        // Made before the write joins the group: the writer thread, which every write waits for, only stores them.
        let (row, eventJSON) = (RecordRow(state), event.canonicalJSON)
        try await recordWrites.write { db in try db.log(event, canonicalJSON: eventJSON, at: db.saveCreated(row)) }
        return state
    }

    /// Writes fields of a record against the version its writer read (`readContext`;
    /// `nil` means the current version), and answers the record. Entries the writer never saw
    /// stay as a conflict. ``edit(id:_:readContext:author:)`` says whether it changed anything.
    /// - Throws: `ValidationError`, or ``StoreError`` `.notFound` / `.refused` (an edit of a
    ///   record its writer saw deleted).
    public func update(
        id: String,
        _ values: [String: FieldValue],
        readContext: VersionVector?,
        author: String
    ) async throws -> RecordState {
        try await edit(id: id, values, readContext: readContext, author: author).state
    }

    /// Writes fields of a record as ``update(id:_:readContext:author:)`` does, only those it
    /// changes (``RecordState/loggedEdit(_:readContext:replica:meta:)``): a field that already
    /// holds its value, settled and seen by the writer, is left alone, and a write in which
    /// every field is so (on a record neither deleted nor in a delete conflict) writes nothing
    /// and answers the record as it is, `changed` false (docs/design.md §4).
    /// - Throws: as ``update(id:_:readContext:author:)``.
    public func edit(
        id: String,
        _ values: [String: FieldValue],
        readContext: VersionVector?,
        author: String
    ) async throws -> WriteOutcome {
        let values = try schema.checkWrite(values)
        return try await change(id: id) { state in
            let read = readContext ?? state.context
            if state.isDeleted(asSeenAt: read) {
                throw StoreError(.refused, "record \(id) is deleted; use resolve to restore it")
            }
            return try state.loggedEdit(values, readContext: read, replica: self.identity.replicaID, meta: self.meta(author))
        }
    }

    /// Deletes a record against the version its writer read (`nil`: the current version).
    /// A delete concurrent with an edit becomes a conflict on `deleted`.
    /// - Throws: ``StoreError`` `.notFound`, or `.refused` when the record is already deleted
    ///   here (whatever version its writer read): deleting it again would change nothing but
    ///   its version, and nothing is written; `.refused` too when its `deleted` is in conflict
    ///   (deleted at one office, edited at another): a delete then would settle the conflict as
    ///   deleted without the edit being shown, which only a resolution does.
    public func delete(id: String, readContext: VersionVector?, author: String) async throws -> RecordState {
        try await change(id: id) { state in
            if state.isDeleted {
                throw StoreError(.refused, "record \(id) is already deleted, so nothing was changed; use resolve to restore it")
            }
            if state.isConflicted(deletedField) {
                throw StoreError(
                    .refused,
                    "record \(id) was deleted at one office and edited at another, and that conflict is open, so nothing was deleted: look at the edit, then settle it with `liaison resolve \(id) deleted=true` to keep it deleted or `deleted=false` to restore it (Keep deleted or Restore on its web page; `\"deleted\"` in POST /v1/records/\(id)/resolve)"
                )
            }
            return try state.loggedWrite(
                [deletedField: .bool(true)],
                readContext: readContext ?? state.context,
                replica: self.identity.replicaID,
                meta: self.meta(author)
            )
        }.state
    }

    /// Settles fields against the whole current version (docs/design.md §4), and answers the
    /// record. Writing `deleted = true` settles a delete conflict as deleted; any other
    /// resolution restores the record (it writes `deleted = false` unless told otherwise).
    /// `version` is the version its writer read (`nil`: the current one, whatever it is).
    /// ``settle(id:_:version:author:)`` says whether it changed anything.
    /// - Throws: ``StoreError`` `.refused` when the record is no longer at `version`: the
    ///   resolution would discard values its writer never saw.
    public func resolve(
        id: String,
        _ values: [String: FieldValue],
        version: VersionVector? = nil,
        author: String
    ) async throws -> RecordState {
        try await settle(id: id, values, version: version, author: author).state
    }

    /// Settles fields as ``resolve(id:_:version:author:)`` does, only those it changes
    /// (``RecordState/loggedSettle(_:replica:meta:)``): a resolution of fields not in conflict,
    /// with the values they hold, writes nothing and answers the record as it is, `changed`
    /// false; a field in conflict is always settled.
    /// - Throws: as ``resolve(id:_:version:author:)``.
    public func settle(
        id: String,
        _ values: [String: FieldValue],
        version: VersionVector? = nil,
        author: String
    ) async throws -> WriteOutcome {
        var values = values
        let deleted = values.removeValue(forKey: deletedField)
        guard deleted == nil || deleted?.boolValue != nil else {
            throw ValidationError(deletedField, "must be true or false")
        }
        values = values.isEmpty && deleted != nil ? [:] : try schema.checkWrite(values)
        if let deleted { values[deletedField] = deleted }
        let resolution = values
        return try await change(id: id) { state in
            if let version, version != state.context {
                throw StoreError(
                    .refused,
                    "record \(id) changed since the version you read (another save or a sync), so nothing was saved: read it again and resolve against its current version"
                )
            }
            return try state.loggedSettle(resolution, replica: self.identity.replicaID, meta: self.meta(author))
        }
    }

    /// The current state of the record `id` names: the record with exactly that id, else the
    /// one with its lower-case spelling (a UUID typed in capitals; docs/design.md §3).
    public func state(id: String) async throws -> RecordState? {
        try await database.read { db in try db.loadState(given: id) }
    }

    /// Loads, changes, checks and saves the record `id` names (as ``state(id:)`` reads it) with
    /// the write's event, in one transaction (shared with concurrent writes, each in its own
    /// savepoint: ``GroupCommit``). A `body` that makes no event changed nothing: nothing is
    /// saved.
    private func change(id: String, _ body: @escaping @Sendable (inout RecordState) throws -> WriteEvent?) async throws -> WriteOutcome {
        try await recordWrites.write { db in
            guard var state = try db.loadState(given: id) else {
                throw StoreError(.notFound, "no record \(id)")
            }
            let before = state
            let made: WriteEvent?
            do {
                made = try body(&state)
            } catch let error as WriteError {
                throw StoreError(.refused, error.description)
            }
            guard let event = made else { return WriteOutcome(state: before, changed: false) }
            try self.schema.checkRecord(state, before: before)
            try db.log(event, at: db.save(state))
            return WriteOutcome(state: state, changed: true)
        }
    }

    /// Who writes now, and when: every local write (create, edit, delete, resolve, import) takes
    /// its meta here. The author is held to the intake limits like any other, and a new write
    /// names someone: a blank author would show as nobody in the history. (Writes made elsewhere
    /// before this rule keep their blank authors and still merge.) The time is ``writeTime()``.
    /// - Throws: `ValidationError` for the author, ``ClockError`` for the clock.
    func meta(_ author: String) throws -> WriteMeta {
        if let problem = RecordState.checkAuthor(author) { throw ValidationError("author", problem) }
        if author.allSatisfy(\.isWhitespace) { throw ValidationError("author", "must name who makes the write, got a blank name") }
        return WriteMeta(author: author, at: try writeTime())
    }

    /// The time of a local write made now (milliseconds since 1970), by this machine's clock.
    /// - Throws: ``ClockError`` when the clock is outside the range every office accepts
    ///   (``IntakeLimits/isWriteTime(_:)``): a write with that time would be quarantined by every
    ///   peer, so none is made.
    public func writeTime() throws(ClockError) -> Int64 {
        let at = now()
        guard IntakeLimits.isWriteTime(at) else { throw ClockError(clock: at) }
        return at
    }
}
