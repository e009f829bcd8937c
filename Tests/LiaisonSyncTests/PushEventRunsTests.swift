import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization
import Testing

/// A record whose events do not fit one push batch goes as several, each with its state and a
/// run of its events, and the push checkpoint moves past it only once the last run was
/// acknowledged (docs/design.md §6, "A record's events over several pages"); a round cut short
/// goes on after the last acknowledged run, and a run that times out goes again halved.
@Suite("A push of a record whose events do not fit one batch")
struct PushEventRunsTests {
    @Test func goesInRunsAndTheCheckpointWaitsForTheLastAndARoundCutShortGoesOn() async throws {
        let fixture = try await SyncFixture()
        let id = try await fixture.longRecord(savedTimes: 20, notes: 300, at: fixture.here)
        var engine = fixture.engine(batch: 500)
        engine.batchBytes = 2_048
        // Two runs are acknowledged, the third is not: the record is there, its checkpoint is not.
        fixture.peer.fail("POST", SyncProtocol.changesPath, after: 2, with: .status(503))
        await #expect(throws: SyncError.self) { try await engine.sync(with: fixture.record) }
        #expect(try await fixture.checkpoints().push == 0)
        #expect(try await fixture.here.eventsCursor(peer: fixture.there.identity.replicaID, direction: .push) != nil)
        #expect(try await SyncFixture.events(of: id, at: fixture.there).contains(where: \.reconstructed))

        fixture.peer.heal()
        let report = try await engine.sync(with: fixture.record)
        #expect(report.pushed.merged == 1, "the record counts once, not once a run")
        let sent = try await SyncFixture.events(of: id, at: fixture.here)
        #expect(sent.count == 21)
        #expect(try await SyncFixture.events(of: id, at: fixture.there) == sent)
        #expect(try await fixture.there.state(id: id) == fixture.here.state(id: id))
        #expect(try await fixture.checkpoints().push == fixture.here.currentSequence())
        // Each run went once: the two acknowledged before the cut were not sent again.
        let runs = try await SyncFixture.feedPages(of: fixture.here, maxBytes: 2_048)
        #expect(runs >= 4)
        #expect(fixture.peer.served("POST", SyncProtocol.changesPath) == runs)
        #expect(try await fixture.here.eventsCursor(peer: fixture.there.identity.replicaID, direction: .push) == nil)
    }

    /// Over a link that carries 100 KB in time and no more, 1.2 MB of a record's events in runs of
    /// up to 1 MiB still go: each run that times out is sent again halved, down to 64 KiB.
    @Test func aRunThatTimesOutGoesAgainHalved() async throws {
        let fixture = try await SyncFixture()
        let id = try await fixture.longRecord(savedTimes: 120, notes: 9_990, at: fixture.here)
        var engine = fixture.engine(batch: 500)
        engine.batchBytes = 1 << 20
        engine.compression = false
        fixture.peer.fail("POST", SyncProtocol.changesPath, with: .slowLink(carrying: 100_000))

        let heard = Mutex<[SyncProgress]>([])
        let report = try await engine.sync(with: fixture.record) { progress in heard.withLock { $0.append(progress) } }
        #expect(report.pushed.merged == 1)
        // `liaison sync` shows each smaller size it goes on at: halves, down to 64 KiB at least.
        let sizes = SyncFixture.timedOutBytes(in: heard.withLock { $0 })
        #expect(SyncFixture.timedOutPulling(in: heard.withLock { $0 }) == sizes.map { _ in false })
        #expect(!sizes.isEmpty && zip(sizes, sizes.dropFirst()).allSatisfy { $1 < $0 } && sizes.allSatisfy { $0 >= 65_536 }, "\(sizes)")
        #expect(try await SyncFixture.events(of: id, at: fixture.there) == SyncFixture.events(of: id, at: fixture.here))
        #expect(try await fixture.checkpoints().push == fixture.here.currentSequence())

        // The next round starts at the size found: another 1.2 MB history goes with no timeout.
        let next = try await fixture.longRecord(savedTimes: 120, notes: 9_990, at: fixture.here)
        heard.withLock { $0 = [] }
        #expect(try await engine.sync(with: fixture.record) { progress in heard.withLock { $0.append(progress) } }.pushed.merged == 1)
        #expect(SyncFixture.timedOutBytes(in: heard.withLock { $0 }) == [])
        #expect(try await SyncFixture.events(of: next, at: fixture.there) == SyncFixture.events(of: next, at: fixture.here))

        // A link that carries less than the smallest run fails the round, as before.
        _ = try await fixture.here.update(id: id, ["notes": .text("short")], readContext: nil, author: "asha")
        fixture.peer.fail("POST", SyncProtocol.changesPath, with: .slowLink(carrying: 100))
        let error = await #expect(throws: SyncError.self) { try await engine.sync(with: fixture.record) }
        #expect(error?.message.contains("timed out after 30 s") == true)
    }
}
