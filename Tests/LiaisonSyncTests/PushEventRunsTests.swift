import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
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
        let metrics = HeardTimeouts()
        engine.metrics = metrics
        fixture.peer.fail("POST", SyncProtocol.changesPath, with: .slowLink(carrying: 100_000))

        let heard = HeardTimeouts()
        let report = try await engine.sync(with: fixture.record, progress: heard.progress)
        #expect(report.pushed.merged == 1)
        // `liaison sync` shows each smaller size it goes on at: halves, down to 64 KiB at least.
        let sizes = heard.bytes
        #expect(heard.directions == sizes.map { _ in .push })
        #expect(!sizes.isEmpty && zip(sizes, sizes.dropFirst()).allSatisfy { $1 <= max($0 / 2, 65_536) } && sizes.last == 65_536, "\(sizes)")
        #expect(engine.slowLinks.startingBytes(1 << 20, peer: fixture.record.name, .push) == sizes.last)
        #expect(metrics.bytes == sizes)
        #expect(metrics.directions.allSatisfy { $0 == .push })
        #expect(try await SyncFixture.events(of: id, at: fixture.there) == SyncFixture.events(of: id, at: fixture.here))
        #expect(try await fixture.checkpoints().push == fixture.here.currentSequence())

        // The next round starts at the size found: another 1.2 MB history goes with no timeout.
        let next = try await fixture.longRecord(savedTimes: 120, notes: 9_990, at: fixture.here)
        heard.forget()
        #expect(try await engine.sync(with: fixture.record, progress: heard.progress).pushed.merged == 1)
        #expect(heard.bytes == [])
        #expect(try await SyncFixture.events(of: next, at: fixture.there) == SyncFixture.events(of: next, at: fixture.here))

        // A link that carries less than the smallest run fails the round, as before.
        _ = try await fixture.here.update(id: id, ["notes": .text("short")], readContext: nil, author: "asha")
        fixture.peer.fail("POST", SyncProtocol.changesPath, with: .slowLink(carrying: 100))
        let error = await #expect(throws: SyncError.self) { try await engine.sync(with: fixture.record) }
        #expect(error?.message.contains("timed out after 30 s") == true)
    }

    /// A batch that cannot shrink below the link's size (a record whose state alone is more than
    /// the link carries in time) is sent at halved sizes down to 64 KiB, then fails the round:
    /// it is not sent again at 64 KiB for ever.
    @Test func aBatchThatCannotShrinkFailsTheRoundOnceAtTheSmallestSize() async throws {
        let fixture = try await SyncFixture()
        // Two concurrent saves of 10,000 control characters (60 KB as JSON each): the state holds
        // both values of its notes, 120 KB.
        let values = try fixture.here.schema.parseAssignments(["type=investment", "title=Lithium JV", "tracks=critical_minerals"])
        let made = try await fixture.here.create(values, author: "asha")
        for (author, character) in [("asha", "\u{1}"), ("ravi", "\u{2}")] {
            let notes = FieldValue.text(String(repeating: character, count: 10_000))
            _ = try await fixture.here.update(id: made.id, ["notes": notes], readContext: made.context, author: author)
        }
        #expect(try await fixture.here.state(id: made.id)?.conflictedFields == ["notes"])
        var engine = fixture.engine(batch: 500)
        engine.batchBytes = 1 << 20
        engine.compression = false
        fixture.peer.fail("POST", SyncProtocol.changesPath, with: .slowLink(carrying: 100_000))

        // From 1 MiB to 64 KiB is four halvings at most; a push still going after eight is stopped.
        let heard = HeardTimeouts()
        let error = await #expect(throws: SyncError.self) {
            try await engine.sync(with: fixture.record) { [signal = engine.stopSignal] progress in
                heard.progress(progress)
                if heard.bytes.count > 8 { signal.stop() }
            }
        }
        #expect(error?.message.contains("timed out after 30 s") == true)
        let sizes = heard.bytes
        #expect(sizes.last == 65_536 && sizes.count <= 4, "\(sizes)")
        #expect(try await fixture.checkpoints().push == 0)
    }
}
