import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// The write log beside the states (docs/design.md §10).
@Suite struct StoreHistoryTests {
    /// Every local write is logged with the state; the log replays to the stored state.
    @Test func localWritesAreLoggedAndReplayToTheState() async throws {
        let made = try await MigrationTests.storeWithEveryKindOfRecord()
        for id in made.ids {
            let state = try #require(try await made.fixture.store.state(id: id))
            let events = try await made.fixture.store.events(id: id)
            #expect(!events.isEmpty)
            #expect(RecordState(replaying: events, id: id).canonicalJSON == state.canonicalJSON)
        }
    }

    /// A store made before the log opens with events reconstructed from its live entries, and
    /// its states and sequence are unchanged.
    @Test func aStoreOlderThanTheLogGetsReconstructedEvents() async throws {
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let previous = try #require(Migrations.migrator.migrations.firstIndex(of: "history: write log"))
        try MigrationTests.makeEarlierStore(
            in: directory,
            upTo: Migrations.migrator.migrations[previous - 1],
            copying: today.fixture.directory.appendingPathComponent(LiaisonStore.fileName)
        )

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(try await store.currentSequence() == today.fixture.store.currentSequence())
        for id in today.ids {
            let state = try #require(try await store.state(id: id))
            #expect(state == (try await today.fixture.store.state(id: id)))
            let events = try await store.events(id: id)
            #expect(!events.isEmpty && events.allSatisfy { $0.reconstructed })
            #expect(RecordState(replaying: events, id: id).fields == state.fields)
            let history = try #require(try await store.history(id: id))
            #expect(history.allSatisfy { $0.event.reconstructed })
        }
    }

    /// A chain: Mumbai writes the status three times, then Chennai merges Mumbai's changes and
    /// Kolkata Chennai's; Kolkata's log holds all three writes with their values.
    @Test func eventsTravelThroughAChain() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        let kolkata = try StoreFixture(office: "kolkata")
        let record = try await mumbai.add("Rare earths MOU")
        for status in ["contacted", "in_discussion", "mou_signed"] {
            _ = try await mumbai.store.update(id: record.id, try mumbai.values("status=\(status)"), readContext: nil, author: "asha")
        }
        try await Self.sync(from: mumbai.store, to: chennai.store)
        try await Self.sync(from: chennai.store, to: kolkata.store)
        let history = try #require(try await kolkata.store.history(id: record.id))
        let statuses = history.compactMap { $0.event.values["status"]?.textValue }
        #expect(statuses == ["mou_signed", "in_discussion", "contacted", "identified"])
        #expect(history.first?.superseded["status"] == [.text("in_discussion")])
        #expect(try await kolkata.store.events(id: record.id) == mumbai.store.events(id: record.id))
    }

    /// A conflict made at two offices and resolved at a third: every node's log shows both
    /// values, who wrote them, and the resolution that superseded them.
    @Test func aResolvedConflictStaysInEveryLog() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        let delhi = try StoreFixture(office: "new-delhi")
        let record = try await mumbai.add("Fab visit")
        try await Self.sync(from: mumbai.store, to: chennai.store)
        _ = try await mumbai.store.update(id: record.id, try mumbai.values("status=contacted"), readContext: nil, author: "asha")
        _ = try await chennai.store.update(id: record.id, try chennai.values("status=on_hold"), readContext: nil, author: "priya")
        try await Self.sync(from: mumbai.store, to: delhi.store)
        try await Self.sync(from: chennai.store, to: delhi.store)
        _ = try await delhi.store.resolve(id: record.id, try delhi.values("status=in_discussion"), author: "ravi")
        for (from, to) in [(delhi, mumbai), (delhi, chennai)] { try await Self.sync(from: from.store, to: to.store) }
        for node in [mumbai, chennai, delhi] {
            let history = try #require(try await node.store.history(id: record.id))
            let resolution = try #require(history.first)
            #expect(resolution.isResolution && resolution.event.meta.author == "ravi")
            #expect(Set(resolution.superseded["status"] ?? []) == [.text("contacted"), .text("on_hold")])
            let sides = history.filter(\.concurrent).map { "\($0.event.meta.author)=\($0.event.values["status"]!.displayText)" }
            #expect(Set(sides) == ["asha=contacted", "priya=on_hold"])
        }
        #expect(try await mumbai.store.events(id: record.id) == delhi.store.events(id: record.id))
    }

    /// Two different events under one dot, or an event outside its record's context, put the
    /// record's state and events in quarantine; nothing of it is stored.
    @Test func corruptEventsAreQuarantined() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        let record = try await mumbai.add("Cobalt MoU")
        let event = try #require(try await mumbai.store.events(id: record.id).first)
        // Agrees with the state on every field its dot holds, so only the stored log tells it apart.
        let forged = WriteEvent(
            recordID: event.recordID,
            dot: event.dot,
            meta: event.meta,
            readContext: .empty,
            values: event.values.merging(["notes": .text("Forged")]) { $1 }
        )
        let outside = WriteEvent(
            recordID: event.recordID,
            dot: Dot(replica: event.dot.replica, counter: 9),
            meta: event.meta,
            readContext: .empty,
            values: ["title": .text("Later")]
        )
        for events in [[event, forged], [event, outside]] {
            let summary = try await chennai.store.merge([record], events: [record.id: events], origin: BatchOrigin("bundle x.json"))
            #expect(summary.quarantined.count == 1)
            #expect(try await chennai.store.state(id: record.id) == nil)
            #expect(try await chennai.store.events(id: record.id).isEmpty)
        }
        // Against the stored log: the real event is stored, then a different one under its dot arrives.
        _ = try await chennai.store.merge([record], events: [record.id: [event]], origin: BatchOrigin("bundle a.json"))
        let summary = try await chennai.store.merge([record], events: [record.id: [forged]], origin: BatchOrigin("bundle b.json"))
        #expect(summary.quarantined.map(\.problem).first?.contains("differs from the event stored") == true)
        #expect(try await chennai.store.events(id: record.id) == [event])
        #expect(try await chennai.store.quarantinedCount() == 3)
    }

    /// An event whose read context its writer could not have had: writes outside the record's
    /// context (an edit of Mumbai's "read" by a Kolkata write Mumbai never saw showed in the
    /// history as overruling Mumbai's later edits), its own dot, or a live entry of a field it
    /// wrote (the write would have replaced it). Each is quarantined with its state.
    @Test func eventsThatReadWhatTheyCouldNotAreQuarantined() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        let record = try await mumbai.add("Cobalt MoU")
        _ = try await mumbai.store.update(id: record.id, try mumbai.values("status=contacted"), readContext: nil, author: "asha")
        let state = try #require(try await mumbai.store.state(id: record.id))
        let events = try await mumbai.store.events(id: record.id)
        let update = try #require(events.first { $0.values["status"] != nil && $0.values["title"] == nil })
        func reading(_ read: VersionVector, values: [String: FieldValue]? = nil) -> WriteEvent {
            WriteEvent(recordID: update.recordID, dot: update.dot, meta: update.meta, readContext: read, values: values ?? update.values)
        }
        let me = mumbai.store.identity.replicaID
        let cases: [(WriteEvent, String)] = [
            (reading(VersionVector(["kolkata.abcdefgh": 1_000])), "says it read writes outside the record's context, or itself"),
            (reading(VersionVector([me: update.dot.counter])), "says it read writes outside the record's context, or itself"),
            (
                reading(update.readContext, values: update.values.merging(["title": .text("Cobalt MoU")]) { $1 }),
                "says it read write \(me):1 of title, which the state still holds"
            ),
        ]
        for (forged, problem) in cases {
            let sent = events.map { $0.dot == forged.dot ? forged : $0 }
            let summary = try await chennai.store.merge([state], events: [record.id: sent], origin: BatchOrigin("bundle x.json"))
            #expect(summary.quarantined.map(\.problem) == ["event \(update.dot) \(problem)"])
            #expect(try await chennai.store.state(id: record.id) == nil)
        }
        // The real events merge.
        #expect(try await chennai.store.merge([state], events: [record.id: events]).quarantined.isEmpty)
        #expect(try await chennai.store.events(id: record.id) == events)
    }

    /// A version-1 bundle (states only) still merges; its records get reconstructed events.
    @Test func aVersionOneBundleMergesWithReconstructedEvents() async throws {
        let mumbai = try StoreFixture(office: "mumbai")
        let chennai = try StoreFixture(office: "chennai")
        let record = try await mumbai.add("Cobalt MoU")
        let bundle =
            #"{"format":"liaison-bundle","version":1,"replica_id":"\#(mumbai.store.identity.replicaID)","office":"mumbai","since":0,"last_sequence":1,"states":[\#(record.canonicalJSON)]}"#
        let summary = try await chennai.store.merge(try LiaisonBundle(json: Data(bundle.utf8)))
        #expect(summary.changed == 1)
        let events = try await chennai.store.events(id: record.id)
        #expect(events.count == 1 && events.allSatisfy { $0.reconstructed })
        // The real event, when it comes, replaces the reconstructed one.
        try await Self.sync(from: mumbai.store, to: chennai.store)
        #expect(try await chennai.store.events(id: record.id) == mumbai.store.events(id: record.id))
    }

    /// Everything `from` has, merged into `to` with its events (what a sync page carries).
    static func sync(from: LiaisonStore, to: LiaisonStore) async throws {
        let page = try await from.changes(since: 0, limit: 10_000)
        var states: [RecordState] = []
        var events: [String: [WriteEvent]] = [:]
        for change in page.states {
            let state = try RecordState(json: Data(change.json.utf8))
            states.append(state)
            events[state.id] = try change.events.map { try WriteEvent(json: Data($0.utf8)) }
        }
        _ = try await to.merge(states, events: events, from: from.identity.replicaID)
    }
}
