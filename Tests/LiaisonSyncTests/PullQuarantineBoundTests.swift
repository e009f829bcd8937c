import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Testing

/// A pulled peer's share of the quarantine is the configured peer's, whatever replica id its
/// node answers with (docs/design.md §9).
@Suite("Pulls: the quarantine's bound is per configured peer")
struct PullQuarantineBoundTests {
    /// A page from `replica` holding `count` states whose value breaks the schema, ending at `last`.
    static func badPage(_ count: Int, from replica: String, last: Int) throws -> String {
        let states = try (0..<count).map { _ in
            var state = RecordState(id: RecordID.make())
            let fields: [String: FieldValue] = [
                "type": .text("investment"), "title": .text("Wafer fab"), "office": .text("chennai"),
                "tracks": .list(["sccp"]), "status": .text("identified"), "value_usd": .text("lots"),
            ]
            try state.write(fields, readContext: .empty, replica: replica, meta: WriteMeta(author: "priya", at: 1_700_000_000_000))
            return state.canonicalJSON
        }
        return #"{"last_sequence":\#(last),"more":false,"replica_id":"\#(replica)","states":[\#(states.joined(separator: ","))]}"#
    }

    @Test func aPeerAnsweringUnderANewReplicaIDGetsNoMoreRoom() async throws {
        let fixture = try await SyncFixture()
        let bound = IntakeLimits.maxQuarantinedPerSource
        let first = fixture.there.identity.replicaID
        // Pages end within the peer's own sequence (a page past it is a bad answer).
        try await fixture.add(2, at: fixture.there)
        // Two syncs fill Chennai's share with states its node sent under its replica id, in
        // pages of as many as asked for.
        for (size, last) in [(bound / 2, 1), (bound - bound / 2, 2)] {
            fixture.peer.fail("GET", SyncProtocol.changesPath, with: .body(try Self.badPage(size, from: first, last: last)))
            let report = try await fixture.engine(batch: bound / 2).sync(with: fixture.record)
            #expect(report.pulled.quarantined.count == size && report.pulled.quarantined.allSatisfy { !$0.problem.contains("not kept") })
        }

        // The node at Chennai's address now answers as another replica (started again, or
        // hostile): its states get no fresh room.
        let again = fixture.directory.appendingPathComponent("again")
        try LiaisonStore.initialise(directory: again, office: "chennai")
        let peer = InProcessPeer(try LiaisonStore(directory: again, schema: .core))
        try await fixture.add(2, at: peer.endpoint.store)
        let second = peer.endpoint.store.identity.replicaID
        peer.fail("GET", SyncProtocol.changesPath, with: .body(try Self.badPage(2, from: second, last: 2)))
        let engine = SyncEngine(store: fixture.here, transport: peer, configuration: SyncConfiguration(batchRecords: 2))
        let report = try await engine.sync(with: fixture.record)
        #expect(report.pulled.quarantined.count == 2)
        #expect(
            report.pulled.quarantined.allSatisfy {
                $0.problem.hasSuffix("(not kept: peer chennai fills the quarantine; drop entries to keep more)")
            },
            "\(report.pulled.quarantined.map(\.problem))"
        )
        // The entries show the replica id each came from.
        let sources = Set(try await fixture.here.quarantine(limit: 10_000).entries.map(\.source))
        #expect(sources == ["peer chennai (\(first))"])
        #expect(try await fixture.here.quarantinedCount() == bound)
    }
}
