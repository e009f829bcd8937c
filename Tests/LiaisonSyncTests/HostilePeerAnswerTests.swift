import Foundation
import LiaisonStore
import LiaisonSync
import Testing

/// A peer's answers that the protocol does not allow end the sync with an error naming what was
/// wrong, and move nothing: each of these stopped the node that synced (its sums overflowed), or
/// had it hold far more than it asked for.
@Suite("SyncEngine: a peer's impossible answers")
struct HostilePeerAnswerTests {
    /// The last page of `fixture`'s peer's feed as that peer would answer it, ending at `last`
    /// and holding `states` (JSON array members).
    static func page(of fixture: SyncFixture, endingAt last: Int64, states: String = "") -> InProcessPeer.Fault {
        .body(#"{"last_sequence":\#(last),"more":false,"replica_id":"\#(fixture.there.identity.replicaID)","states":[\#(states)]}"#)
    }

    @Test(arguments: [Int64.min, -2, Int64.max, 1 << 53])
    func aPeerWhoseSequenceNoNodeReachesIsNotSyncedWith(sequence: Int64) async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(2, at: fixture.there)
        try await fixture.add(2, at: fixture.here)
        let node =
            #"{"office":"chennai","protocol":\#(SyncProtocol.version),"replica_id":"\#(fixture.there.identity.replicaID)","sequence":\#(sequence)}"#
        fixture.peer.fail("GET", SyncProtocol.nodePath, with: .body(node))

        let error = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        let problem = sequence < 0 ? "below 0" : "past 9007199254740991"
        #expect(error?.description == "chennai: sent a bad answer: its sequence is \(sequence), \(problem)")
        let checkpoints = try await fixture.checkpoints()
        #expect(checkpoints.pull == 0 && checkpoints.push == 0)
        #expect(fixture.peer.served("GET", SyncProtocol.changesPath) == 0)
    }

    @Test func aPageOfMoreStatesThanAskedIsRefused() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(4, at: fixture.there)
        // Pages of 2 are asked for; the second answer holds 3 (states that do not read count too).
        fixture.peer.fail("GET", SyncProtocol.changesPath, after: 1, with: Self.page(of: fixture, endingAt: 4, states: "{},{},{}"))

        let error = await #expect(throws: SyncError.self) { try await fixture.engine(batch: 2).sync(with: fixture.record) }
        #expect(error?.description == "chennai: sent a bad answer: asked for at most 2 states, it answered a page of 3")
        #expect(try await fixture.checkpoints().pull == 2)
        #expect(try await fixture.ids(fixture.here).count == 2)
        #expect(try await fixture.here.quarantinedCount() == 0)
    }

    /// A page ending past the peer's own sequence would leave the checkpoint there, and every
    /// change the peer makes until it gets that far would be skipped.
    @Test func aPageEndingPastThePeersOwnSequenceIsRefused() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(2, at: fixture.there)
        fixture.peer.fail("GET", SyncProtocol.changesPath, with: Self.page(of: fixture, endingAt: Int64.max))

        let error = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        #expect(error?.description == "chennai: sent a bad answer: it answered a page ending at sequence \(Int64.max), past its own, 2")
        #expect(try await fixture.checkpoints().pull == 0)

        // The peer's changes still come once it answers as it should.
        fixture.peer.heal()
        _ = try await fixture.engine().sync(with: fixture.record)
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
    }

    @Test(arguments: ["merged", "changed", "conflicts"])
    func aPushAnswerCountingMoreStatesThanWentIsRefused(count: String) async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(2, at: fixture.here)
        var ack: [String: Any] = ["merged": 2, "changed": 2, "conflicts": 0, "sequence": 2, "quarantined": [Any]()]
        ack[count] = Int.max
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ack), as: UTF8.self)
        fixture.peer.fail("POST", SyncProtocol.changesPath, with: .body(body))

        let error = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        #expect(
            error?.description.hasPrefix("chennai: sent a bad answer: sent 2 states, it answered that it") == true,
            "\(String(describing: error))"
        )
        #expect(error?.description.hasSuffix(" \(Int.max)") == true)
        #expect(try await fixture.checkpoints().push == 0, "nothing counts as acknowledged")
    }
}
