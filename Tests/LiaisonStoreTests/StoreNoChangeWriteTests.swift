import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// docs/design.md §4, "A write that changes nothing", in real store files.
@Suite("Store writes that change nothing")
struct StoreNoChangeWriteTests {
    @Test("an edit of the values a record holds writes nothing: same version, no history entry, nothing in the changes feed")
    func editOfHeldValues() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add("Lithium JV", "status=contacted", "value_usd=2500000")
        let before = try await fixture.snapshot()
        let outcome = try await fixture.store.edit(
            id: record.id,
            try fixture.values("title=Lithium JV", "status=contacted", "value_usd=2500000.00", "notes="),
            readContext: record.context,
            author: "ravi"
        )
        #expect(!outcome.changed)
        #expect(outcome.state == record)
        #expect(try await fixture.snapshot() == before)
        #expect(try await fixture.store.events(id: record.id).count == 1)
        // Without a version (the current one), and as a resolution of fields not in conflict: the same.
        #expect(try await fixture.store.update(id: record.id, try fixture.values("status=contacted"), readContext: nil, author: "ravi") == record)
        #expect(try await !fixture.store.settle(id: record.id, try fixture.values("status=contacted"), author: "ravi").changed)
        #expect(try await fixture.snapshot() == before)
    }

    @Test("an edit that changes some fields writes those, and the history names only them")
    func mixedEdit() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add("Lithium JV")
        let outcome = try await fixture.store.edit(
            id: record.id,
            try fixture.values("title=Lithium JV", "status=contacted"),
            readContext: record.context,
            author: "ravi"
        )
        #expect(outcome.changed)
        #expect(outcome.state.fields["title"] == record.fields["title"])
        let latest = try #require(try await fixture.store.history(id: record.id)?.first)
        #expect(latest.event.values.keys.sorted() == [deletedField, "status"])
    }

    /// Mumbai's writer, shown the current version, saves the title it was shown while Chennai
    /// changes it: once the two stores merge each other's states, Chennai's title, no conflict.
    @Test("a same-value edit concurrent with another office's change of the field ends with that change and no conflict")
    func concurrentChangeElsewhereWins() async throws {
        let (mumbai, chennai, made, changed) = try await Self.retitledAtChennai()
        let saved = try await mumbai.store.edit(id: made.id, try mumbai.values("title=Lithium JV"), readContext: made.context, author: "asha")
        #expect(!saved.changed)
        _ = try await mumbai.store.merge([changed], from: chennai.store.identity.replicaID)
        _ = try await chennai.store.merge([saved.state], from: mumbai.store.identity.replicaID)
        for store in [mumbai.store, chennai.store] {
            let state = try #require(try await store.state(id: made.id))
            #expect(state.displayValue(of: "title") == .text("Lithium refinery JV"))
            #expect(state.conflictedFields.isEmpty)
        }
    }

    /// The same save made after Chennai's change arrived, by a writer still holding the version
    /// before it: a concurrent write, a conflict as always.
    @Test("a same-value edit against a version older than another office's change of the field still conflicts")
    func staleReadConflicts() async throws {
        let (mumbai, chennai, made, changed) = try await Self.retitledAtChennai()
        _ = try await mumbai.store.merge([changed], from: chennai.store.identity.replicaID)
        let saved = try await mumbai.store.edit(id: made.id, try mumbai.values("title=Lithium JV"), readContext: made.context, author: "asha")
        #expect(saved.changed)
        #expect(saved.state.conflictedFields == ["title"])
    }

    @Test("a resolution of a field in conflict to one of its values settles it")
    func resolutionOfConflictToOneOfItsValues() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        _ = try await fixture.store.update(id: record.id, try fixture.values("status=contacted"), readContext: record.context, author: "a")
        let conflicted = try await fixture.store.update(id: record.id, try fixture.values("status=on_hold"), readContext: record.context, author: "b")
        let outcome = try await fixture.store.settle(id: record.id, try fixture.values("status=on_hold"), version: conflicted.context, author: "c")
        #expect(outcome.changed)
        #expect(outcome.state.conflictedFields.isEmpty)
        #expect(outcome.state.displayValue(of: "status") == .text("on_hold"))
    }

    /// "Lithium JV" made at Mumbai, merged at Chennai and retitled there (not yet merged back):
    /// both stores, the record as made and as Chennai changed it.
    static func retitledAtChennai() async throws -> (StoreFixture, StoreFixture, RecordState, RecordState) {
        let (mumbai, chennai) = (try StoreFixture(office: "mumbai"), try StoreFixture(office: "chennai"))
        let made = try await mumbai.add("Lithium JV")
        _ = try await chennai.store.merge([made], from: mumbai.store.identity.replicaID)
        let changed = try await chennai.store.update(
            id: made.id,
            try chennai.values("title=Lithium refinery JV"),
            readContext: made.context,
            author: "priya"
        )
        return (mumbai, chennai, made, changed)
    }
}
