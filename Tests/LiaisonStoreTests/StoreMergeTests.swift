import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Merging batches and bundles")
struct StoreMergeTests {
    /// A state as another node would send it, with its fields as raw values (unchecked).
    func foreignState(
        id: String = RecordID.make(),
        replica: String = "chennai.abc123",
        _ fields: [String: FieldValue]
    )
        throws -> RecordState
    {
        var state = RecordState(id: id)
        try state.write(fields, readContext: .empty, replica: replica, meta: WriteMeta(author: "priya", at: 1_700_000_000_000))
        return state
    }

    var goodFields: [String: FieldValue] {
        [
            "type": .text("investment"), "title": .text("From Chennai"), "office": .text("chennai"),
            "tracks": .list(["sccp"]), "status": .text("identified"),
        ]
    }

    @Test("a merged batch and its checkpoint commit together; merging again changes nothing")
    func mergeAndIdempotence() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let states = [try foreignState(goodFields), try foreignState(goodFields)]
        let summary = try await store.merge(states, from: "chennai.abc123", checkpoint: ("chennai.abc123", .pull, 7))
        #expect(summary.merged == 2 && summary.changed == 2 && summary.conflicts == 0)
        #expect(try await store.checkpoint(peer: "chennai.abc123", direction: .pull) == 7)
        #expect(try await store.currentSequence() == 2)
        let before = try await fixture.snapshot()
        let again = try await store.merge(states)
        #expect(again.merged == 2 && again.changed == 0)
        #expect(try await fixture.snapshot() == before, "a merge that changes nothing takes no sequence")
    }

    @Test("two versions of one record in one batch both count: nothing of either is lost")
    func sameRecordTwiceInABatch() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let base = try foreignState(goodFields)
        _ = try await store.merge([base])
        var atChennai = base
        try atChennai.write(
            ["status": .text("contacted")],
            readContext: base.context,
            replica: "chennai.abc123",
            meta: WriteMeta(author: "priya", at: 1_700_000_001_000)
        )
        var atKolkata = base
        try atKolkata.write(
            ["notes": .text("Met at the fair")],
            readContext: base.context,
            replica: "kolkata.xyz789",
            meta: WriteMeta(author: "ravi", at: 1_700_000_002_000)
        )
        let before = try await store.currentSequence()
        let summary = try await store.merge([atChennai, atKolkata])
        #expect(summary.merged == 2 && summary.changed == 2)
        let stored = try #require(try await store.state(id: base.id))
        #expect(stored == (try atChennai.merged(with: atKolkata)))
        #expect(stored.displayValue(of: "status") == .text("contacted") && stored.displayValue(of: "notes") == .text("Met at the fair"))
        #expect(try await store.currentSequence() == before + 2, "each change takes a sequence")
        let feed = try await store.changes(since: before, limit: 10)
        #expect(feed.states.count == 1 && feed.states[0].sequence == before + 2 && feed.lastSequence == before + 2)
    }

    @Test(
        "a batch with one bad state: it is quarantined, the rest merges and the checkpoint moves",
        arguments: [
            ["bogus": FieldValue.text("x")],
            ["value_usd": .text("lots")],
            ["value_usd": .number(1e19)],
            ["opened_on": .text("2026-02-30")],
            ["tracks": .list(["not_a_track"])],
            [deletedField: .text("yes")],
        ]
    )
    func badStateIsQuarantined(bad: [String: FieldValue]) async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.setCheckpoint(peer: "chennai.abc123", direction: .pull, sequence: 3)
        let badState = try foreignState(goodFields.merging(bad) { $1 })
        let batch = [try foreignState(goodFields), badState, try foreignState(goodFields)]
        let summary = try await store.merge(
            batch,
            from: "chennai.abc123",
            origin: BatchOrigin("peer chennai"),
            checkpoint: ("chennai.abc123", .pull, 9)
        )
        #expect(summary.merged == 2 && summary.changed == 2)
        #expect(summary.quarantined.map(\.recordID) == [badState.id])
        #expect(try await store.state(id: badState.id) == nil, "never stored")
        #expect(try await store.state(id: batch[0].id) != nil)
        #expect(try await store.state(id: batch[2].id) != nil)
        #expect(try await store.checkpoint(peer: "chennai.abc123", direction: .pull) == 9)
        let entries = try await store.quarantine(limit: 10_000).entries
        #expect(entries.count == 1)
        #expect(entries.first?.source == "peer chennai" && entries.first?.recordID == badState.id)
        #expect(entries.first?.problem == summary.quarantined.first?.problem)
        #expect(entries.first.map { String(decoding: $0.bytes, as: UTF8.self) } == badState.canonicalJSON)

        // The same state again only counts; a later good state of that record merges as usual.
        _ = try await store.merge([badState], from: "chennai.abc123", origin: BatchOrigin("peer chennai"))
        #expect(try await store.quarantine(limit: 10_000).entries.map(\.times) == [2])
        let fixed = try foreignState(id: badState.id, goodFields)
        #expect(try await store.merge([fixed], from: "chennai.abc123").changed == 1)
        try await store.dropQuarantined(id: entries[0].id)
        #expect(try await store.quarantinedCount() == 0)
        await #expect(throws: StoreError.self) { try await store.dropQuarantined(id: entries[0].id) }
    }

    @Test("a live state without the fields every record is made with (or without any write) is quarantined; a deleted one is not")
    func stateWithoutRequiredFieldsIsQuarantined() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let noWrites = RecordState(id: RecordID.make())
        let notesOnly = try foreignState(["notes": .text("x")])
        var deleted = try foreignState(["notes": .text("x")])
        try deleted.delete(readContext: deleted.context, replica: "chennai.abc123", meta: WriteMeta(author: "priya", at: 1_700_000_000_001))
        let summary = try await store.merge([noWrites, notesOnly, deleted], from: "chennai.abc123", origin: BatchOrigin("peer chennai"))
        #expect(summary.quarantined.map(\.recordID) == [noWrites.id, notesOnly.id])
        #expect(summary.quarantined.allSatisfy { $0.problem.contains("is required, and the state has no value for it") })
        #expect(try await store.state(id: noWrites.id) == nil)
        #expect(try await store.state(id: notesOnly.id) == nil)
        #expect(try await store.state(id: deleted.id) != nil)
    }

    @Test("states that do not merge with the stored one, or claim this node's writes, are quarantined")
    func corruptAgainstTheStoredState() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let stored = try foreignState(goodFields)
        _ = try await store.merge([stored], from: "chennai.abc123")
        // The same dot with another value: corrupt.
        let twoValues = try foreignState(id: stored.id, goodFields.merging(["title": .text("Other")]) { $1 })
        // A state naming writes of this node that it never made.
        var claims = try foreignState(goodFields)
        try claims.write(
            ["notes": .text("x")],
            readContext: claims.context,
            replica: store.identity.replicaID,
            meta: WriteMeta(author: "mallory", at: 1_700_000_000_000)
        )
        let summary = try await store.merge([twoValues, claims], from: "chennai.abc123", origin: BatchOrigin("peer chennai"))
        #expect(summary.changed == 0)
        #expect(summary.quarantined.count == 2)
        #expect(summary.quarantined[0].problem.contains("has two different values for title"))
        #expect(summary.quarantined[1].problem.contains("claims writes of this node"))
        #expect(RecordView(try #require(try await store.state(id: stored.id))).json == RecordView(stored).json)
        #expect(try await store.state(id: claims.id) == nil)
    }

    @Test("a state whose dots would merge away the stored required fields is quarantined; nothing is lost")
    func requiredFieldsMovedBetweenDotsAreQuarantined() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var stored = try foreignState(goodFields)
        try stored.write(
            ["notes": .text("First call")],
            readContext: stored.context,
            replica: "chennai.abc123",
            meta: WriteMeta(author: "priya", at: 1_700_000_000_001)
        )
        _ = try await store.merge([stored], from: "chennai.abc123")
        // The same two writes, with the required fields moved from the first to the second: each
        // side's context covers the other's copy, so a plain merge would keep neither.
        let required = ["type", "title", "office", "tracks"]
        var object = try #require(try JSONSerialization.jsonObject(with: Data(stored.canonicalJSON.utf8)) as? [String: Any])
        var writes = try #require(object["writes"] as? [[String: Any]])
        #expect(writes.count == 2)
        var first = try #require(writes[0]["fields"] as? [String: Any])
        var second = try #require(writes[1]["fields"] as? [String: Any])
        for name in required { second[name] = first.removeValue(forKey: name) }
        (writes[0]["fields"], writes[1]["fields"]) = (first, second)
        object["writes"] = writes
        let forged = try RecordState(json: JSONSerialization.data(withJSONObject: object))

        let summary = try await store.merge([forged], from: "kolkata.evil001", origin: BatchOrigin("peer kolkata"))
        #expect(summary.changed == 0)
        #expect(summary.quarantined.map(\.recordID) == [stored.id])
        #expect(summary.quarantined.first?.problem.hasPrefix("merged with the stored state it would have no value for ") == true)
        #expect(summary.quarantined.first?.problem.hasSuffix(", which is required") == true)
        #expect(RecordView(try #require(try await store.state(id: stored.id))).json == RecordView(stored).json)
    }

    @Test("a bundle exported at one node merges at another; records come out identical")
    func bundleRoundTrip() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        for index in 0..<7 { try await mumbai.add("Record \(index)") }
        var bytes = Data()
        let export = try await mumbai.store.exportBundle(since: 0, pageSize: 3) { bytes.append($0) }
        #expect(export.states == 7 && export.lastSequence == 7)
        let bundle = try LiaisonBundle(json: bytes)
        #expect(bundle.replicaID == mumbai.store.identity.replicaID && bundle.office == "mumbai")
        #expect(bundle.since == 0 && bundle.lastSequence == 7 && bundle.states.count == 7)
        let summary = try await chennai.store.merge(bundle)
        #expect(summary.merged == 7 && summary.changed == 7)
        #expect(try await chennai.store.checkpoint(peer: bundle.replicaID, direction: .pull) == 7)
        for state in bundle.states {
            let there = try #require(try await chennai.store.state(id: state.id))
            #expect(RecordView(there).json == RecordView(state).json)
        }
        // An incremental export holds only what changed since.
        let first = bundle.states[0]
        _ = try await mumbai.store.update(id: first.id, try mumbai.values("status=contacted"), readContext: nil, author: "a")
        var more = Data()
        let next = try await mumbai.store.exportBundle(since: export.lastSequence) { more.append($0) }
        #expect(next.states == 1 && next.lastSequence == 8)
        #expect(try await chennai.store.merge(try LiaisonBundle(json: more)).changed == 1)
    }

    @Test("an empty store exports an empty bundle that merges as nothing")
    func emptyBundle() async throws {
        let fixture = try StoreFixture()
        var bytes = Data()
        _ = try await fixture.store.exportBundle(since: 0) { bytes.append($0) }
        let bundle = try LiaisonBundle(json: bytes)
        #expect(bundle.states.isEmpty)
        let other = try StoreFixture(office: "chennai")
        #expect(try await other.store.merge(bundle) == MergeSummary())
    }

    @Test("export to a file goes through a temporary file renamed into place")
    func exportToFile() async throws {
        let fixture = try StoreFixture()
        try await fixture.add()
        let file = fixture.elsewhere.appendingPathComponent("out.json")
        let result = try await fixture.store.exportBundle(since: 0, toFile: file)
        #expect(result.states == 1)
        #expect(try LiaisonBundle(json: Data(contentsOf: file)).states.count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.elsewhere.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test(
        "bad bundles are refused with a clear error",
        arguments: [
            ("not json", "not a valid Liaison bundle"),
            (#"{"format":"zip","version":1,"replica_id":"a.b","office":"mumbai","since":0,"last_sequence":0,"states":[]}"#, "not a Liaison bundle"),
            (#"{"format":"liaison-bundle","version":9,"replica_id":"a.b","office":"mumbai","since":0,"last_sequence":0,"states":[]}"#, "version 9"),
            (
                #"{"format":"liaison-bundle","version":1,"replica_id":"a.b","office":"mumbai","since":0,"last_sequence":1,"states":[{"context":{},"id":"r1","#,
                "malformed JSON"
            ),
        ]
    )
    func badBundles(text: String, expected: String) throws {
        let error = #expect(throws: BundleError.self) { try LiaisonBundle(json: Data(text.utf8)) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }
}
