import Foundation
import LiaisonStore
import LiaisonSync
import Testing

/// A peer whose `sequence` overstates what is to come no longer makes every round a bulk load
/// (the list and search indexes set aside and built again, a minute at a million records).
@Suite("SyncEngine: a peer that overstates its backlog")
struct OverstatedBacklogTests {
    /// An engine at `fixture`'s node that loads 10 records or more in bulk, pages of 5.
    static func engine(_ fixture: SyncFixture) -> SyncEngine {
        SyncEngine(store: fixture.here, transport: fixture.peer, configuration: SyncConfiguration(batchRecords: 5, bulkLoadRecords: 10))
    }

    /// A fixture whose peer holds 3 records and says its sequence is 10^12.
    static func peerOverstatingThree() async throws -> SyncFixture {
        let fixture = try await SyncFixture()
        try await fixture.add(3, at: fixture.there)
        let node =
            #"{"office":"chennai","protocol":\#(SyncProtocol.version),"replica_id":"\#(fixture.there.identity.replicaID)","sequence":1000000000000}"#
        fixture.peer.fail("GET", SyncProtocol.nodePath, with: .body(node))
        return fixture
    }

    @Test func aBulkLoadThatBringsLittleIsNotMadeAgainFromThatPeer() async throws {
        let fixture = try await Self.peerOverstatingThree()
        let engine = Self.engine(fixture)

        let first = try await engine.sync(with: fixture.record)
        #expect(first.loadedInBulk, "a claimed backlog of 10^12 is believed once")
        #expect(first.pulled.merged == 3)
        for _ in 0..<2 {
            let again = try await engine.sync(with: fixture.record)
            #expect(!again.loadedInBulk, "after a bulk load that brought 3 records, the claim is not believed")
        }
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
    }

    /// A bulk load that failed having brought less counts too: a peer that claimed a backlog and
    /// then failed every pull made every round a bulk load. (A first sync cut short by the link
    /// goes on as a plain load, and one that brings a bulk load's worth has the peer believed again.)
    @Test func aBulkLoadThatFailedHavingBroughtLittleIsNotMadeAgain() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(12, at: fixture.there)
        fixture.peer.fail("GET", SyncProtocol.changesPath, with: .status(500))
        let engine = Self.engine(fixture)
        await #expect(throws: (any Error).self) { try await engine.sync(with: fixture.record) }

        fixture.peer.heal()
        let next = try await engine.sync(with: fixture.record)
        #expect(!next.loadedInBulk && next.pulled.merged == 12)
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
    }

    /// A plain round that brings a bulk load's worth has the peer's backlog believed again: a
    /// true backlog larger than this node is loaded in bulk once more.
    @Test func aPlainLoadOfManyHasThePeerBelievedAgain() async throws {
        let fixture = try await Self.peerOverstatingThree()
        let engine = Self.engine(fixture)
        #expect(try await engine.sync(with: fixture.record).loadedInBulk)

        fixture.peer.heal()
        try await fixture.add(12, at: fixture.there)
        let plain = try await engine.sync(with: fixture.record)
        #expect(!plain.loadedInBulk && plain.pulled.merged == 12)

        try await fixture.add(20, at: fixture.there)
        #expect(try await engine.sync(with: fixture.record).loadedInBulk, "20 to come, more than the 15 held here")
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
    }
}
