import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// docs/design.md §4, deletion, as a node's store applies it: a delete in conflict with an
/// edit is settled only by a choice (Keep deleted or Restore), and a deleted record is not
/// deleted again.
@Suite("Store deletes")
struct StoreDeleteTests {
    /// Chennai edits while Mumbai deletes; then, seeing the conflict, Chennai edits the status.
    /// That edit is saved and reaches every office, and the conflict on `deleted` stays open
    /// at each (listed, counted, not called a resolution in the history) until it is resolved.
    @Test("an edit made after a delete conflict arrived leaves it open at every office")
    func editAfterTheConflictLeavesItOpen() async throws {
        let mumbai = try StoreFixture()
        let chennai = try StoreFixture(office: "chennai")
        let delhi = try StoreFixture(office: "new-delhi")
        let id = try await mumbai.editedWhileDeletedLater(at: chennai)
        let edited = try await chennai.store.update(id: id, try chennai.values("status=contacted"), readContext: nil, author: "sam")
        #expect(edited.isConflicted(deletedField) && !edited.isDeleted)
        for office in [mumbai, delhi] { _ = try await office.store.merge([edited], from: chennai.store.identity.replicaID) }

        for office in [chennai, mumbai, delhi] {
            let store = office.store
            let state = try #require(try await store.state(id: id))
            #expect(state.conflictedFields == [deletedField])
            #expect(state.displayValue(of: "status") == .text("contacted"))
            #expect(try await store.list(RecordQuery(conflictedOnly: true)).states.map(\.id) == [id])
            let counts = try await store.counts()
            #expect(counts.records == 1 && counts.deleted == 0 && counts.conflicted == 1)
            let recount = StoreRecount(directory: office.directory)
            #expect(try recount.kept() == recount.recounted())
            #expect(try recount.rowsUnlikeTheirStates() == 0)
        }
        let latest = try #require(try await chennai.store.history(id: id)?.first)
        #expect(latest.event.meta.author == "sam" && !latest.isResolution)
        #expect(latest.event.values.keys.sorted() == ["status"])

        let kept = try await mumbai.store.resolve(id: id, [deletedField: .bool(true)], author: "ravi")
        #expect(kept.isDeleted && kept.conflictedFields.isEmpty)
        _ = try await chennai.store.merge([kept], from: mumbai.store.identity.replicaID)
        #expect(try await chennai.store.state(id: id)?.isDeleted == true)
        #expect(try await chennai.store.counts().deleted == 1)
    }

    /// `resolve ID FIELD=VALUE` restores a record whose delete is in conflict, as documented.
    @Test("a resolution of another field restores a record whose delete is in conflict")
    func resolutionOfAFieldRestores() async throws {
        let mumbai = try StoreFixture()
        let chennai = try StoreFixture(office: "chennai")
        let id = try await mumbai.editedWhileDeletedLater(at: chennai)
        let restored = try await chennai.store.resolve(id: id, try chennai.values("status=on_hold"), author: "priya")
        #expect(!restored.isDeleted && restored.conflictedFields.isEmpty)
        let history = try #require(try await chennai.store.history(id: id)?.first)
        #expect(history.isResolution && history.event.values[deletedField] == .bool(false))
    }

    /// Deleting a deleted record is refused and writes nothing, whether its writer names the
    /// version at which it was deleted, an earlier one, or none; so an edit against the version
    /// at which it was deleted is still refused afterwards.
    @Test("deleting a deleted record is refused and changes nothing")
    func deleteOfDeleted() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let made = try await fixture.add()
        let deleted = try await store.delete(id: made.id, readContext: nil, author: "ravi")
        let before = try await fixture.snapshot()
        let historyBefore = try await store.history(id: made.id)
        for read in [nil, deleted.context, made.context] {
            await #expect {
                try await store.delete(id: made.id, readContext: read, author: "ravi")
            } throws: { error in
                (error as? StoreError)?.code == .refused
                    && (error as? StoreError)?.message == "record \(made.id) is already deleted, so nothing was changed; use resolve to restore it"
            }
        }
        #expect(try await fixture.snapshot() == before)
        #expect(try await store.history(id: made.id) == historyBefore)
        await #expect(throws: StoreError.self) {
            try await store.update(id: made.id, try fixture.values("notes=x"), readContext: deleted.context, author: "priya")
        }
        #expect(try await fixture.snapshot() == before)
    }
}

/// A delete that would settle an open delete conflict without anyone choosing to.
@Suite("Store deletes of a record whose delete is in conflict")
struct StoreDeleteConflictTests {
    /// Mumbai deleted while Chennai edited; both hold the conflict. A second delete, at either
    /// office, against any version, would settle it as deleted and overrule the edit unseen:
    /// it is refused, names how to settle it, and writes nothing; a resolution still settles it.
    @Test("deleting a record whose delete is in conflict is refused and changes nothing")
    func deleteWhileInConflict() async throws {
        let mumbai = try StoreFixture()
        let chennai = try StoreFixture(office: "chennai")
        let id = try await mumbai.editedWhileDeletedLater(at: chennai)
        for office in [mumbai, chennai] {
            let store = office.store
            let state = try #require(try await store.state(id: id))
            #expect(state.conflictedFields == [deletedField])
            let before = try await office.snapshot()
            let historyBefore = try await store.history(id: id)
            for read in [nil, state.context] {
                await #expect {
                    try await store.delete(id: id, readContext: read, author: "ravi")
                } throws: { error in
                    (error as? StoreError)?.code == .refused
                        && (error as? StoreError)?.message
                            == "record \(id) was deleted at one office and edited at another, and that conflict is open, so nothing was deleted: look at the edit, then settle it with `liaison resolve \(id) deleted=true` to keep it deleted or `deleted=false` to restore it (Keep deleted or Restore on its web page; `\"deleted\"` in POST /v1/records/\(id)/resolve)"
                }
            }
            #expect(try await office.snapshot() == before)
            #expect(try await store.history(id: id) == historyBefore)
        }
        let kept = try await mumbai.store.resolve(id: id, [deletedField: .bool(true)], author: "ravi")
        #expect(kept.isDeleted && kept.conflictedFields.isEmpty)
    }
}
