import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization
import Testing

/// A pull of a record whose events come over several pages, cut short, goes on in the next
/// round after the last run that merged (docs/design.md §6, "A record's events over several
/// pages"): over a link that fails now and then, a long history is not fetched again from its
/// first event each round.
@Suite("A pull of a record whose events do not fit one page")
struct PullEventRunsTests {
    @Test func aRoundCutShortGoesOnAfterTheLastMergedRun() async throws {
        let fixture = try await SyncFixture()
        // Control characters go escaped (\u0001, six bytes each): 60 KB an event, 9 MB in all,
        // three pages of the 4 MiB a pulled page may be.
        let id = try await fixture.longRecord(savedTimes: 150, notes: 9_990, of: "\u{1}", at: fixture.there)
        let runs = try await SyncFixture.feedPages(of: fixture.there, maxBytes: SyncProtocol.maxBatchBytes)
        #expect(runs >= 3)
        // The first page comes and merges; the second does not.
        fixture.peer.fail("GET", SyncProtocol.changesPath, after: 1, with: .timeout)
        await #expect(throws: SyncError.self) { try await fixture.engine(batch: 500).sync(with: fixture.record) }
        #expect(try await fixture.checkpoints().pull == 0)
        let cursor = try await fixture.here.eventsCursor(peer: fixture.there.identity.replicaID, direction: .pull)
        #expect(cursor?.recordID == id)

        fixture.peer.heal()
        let report = try await fixture.engine(batch: 500).sync(with: fixture.record)
        #expect(report.pulled.merged == 1)
        // Each page came once: the one merged before the cut was not asked for again.
        #expect(fixture.peer.served("GET", SyncProtocol.changesPath) == runs)
        let history = try await fixture.here.history(id: id)
        #expect(history?.count == 151)
        #expect(history?.contains { $0.event.reconstructed } == false)
        #expect(try await fixture.here.state(id: id) == fixture.there.state(id: id))
        #expect(try await fixture.checkpoints().pull == fixture.there.currentSequence())
        #expect(try await fixture.here.eventsCursor(peer: fixture.there.identity.replicaID, direction: .pull) == nil)
    }

    @Test func aPageThatTimesOutIsAskedForAgainHalved() async throws {
        let fixture = try await SyncFixture()
        // 1.2 MB of one record's events and 200 records: pages of 1 MiB over a link that carries
        // 100 KB in the time allowed.
        let id = try await fixture.longRecord(savedTimes: 120, notes: 9_990, at: fixture.there)
        try await fixture.add(200, at: fixture.there)
        var engine = fixture.engine(batch: 500)
        engine.batchBytes = 1 << 20
        let metrics = HeardTimeouts()
        engine.metrics = metrics
        fixture.peer.fail("GET", SyncProtocol.changesPath, with: .slowLink(carrying: 100_000))

        let heard = HeardTimeouts()
        let report = try await engine.sync(with: fixture.record, progress: heard.progress)
        #expect(report.pulled.merged == 201)
        // `liaison sync` shows each smaller size it goes on at.
        #expect(heard.directions == [.pull, .pull, .pull, .pull])
        #expect(heard.bytes == [524_288, 262_144, 131_072, 65_536])
        // ...and the node's metrics count them (liaison_sync_timeouts_total).
        #expect(metrics.bytes == [524_288, 262_144, 131_072, 65_536])
        #expect(metrics.directions.allSatisfy { $0 == .pull })
        #expect(engine.slowLinks.startingBytes(1 << 20, peer: fixture.record.name, .pull) == 65_536)
        #expect(try await SyncFixture.events(of: id, at: fixture.here) == SyncFixture.events(of: id, at: fixture.there))
        #expect(try await fixture.here.state(id: id) == fixture.there.state(id: id))
        #expect(try await fixture.here.counts().records == 201)
        #expect(try await fixture.checkpoints().pull == fixture.there.currentSequence())

        // The next round starts at the size found: another 1.2 MB history comes with no timeout.
        let next = try await fixture.longRecord(savedTimes: 120, notes: 9_990, at: fixture.there)
        heard.forget()
        #expect(try await engine.sync(with: fixture.record, progress: heard.progress).pulled.merged == 1)
        #expect(heard.bytes == [])
        #expect(try await SyncFixture.events(of: next, at: fixture.here) == SyncFixture.events(of: next, at: fixture.there))

        // A link that carries less than the smallest page fails the round, and nothing moves.
        _ = try await fixture.there.update(id: id, ["notes": .text("short")], readContext: nil, author: "asha")
        fixture.peer.fail("GET", SyncProtocol.changesPath, with: .slowLink(carrying: 100))
        let before = try await fixture.checkpoints().pull
        let error = await #expect(throws: SyncError.self) { try await engine.sync(with: fixture.record) }
        #expect(error?.message.contains("timed out after 30 s") == true)
        #expect(try await fixture.checkpoints().pull == before)
    }

    @Test func aNodeThatIsStoppingDoesNotAskForATimedOutPageAgain() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(10, at: fixture.there)
        fixture.peer.fail("GET", SyncProtocol.changesPath, with: .slowLink(carrying: 100))
        let signal = SyncStopSignal()
        let transport = StoppingTransport(inner: fixture.peer, signal: signal)
        var engine = SyncEngine(store: fixture.here, transport: transport)
        engine.stopSignal = signal

        await #expect(throws: SyncStopped.self) { try await engine.sync(with: fixture.record) }
        #expect(transport.pagesAsked.withLock { $0 } == 1)
        #expect(try await fixture.checkpoints().pull == 0)
    }
}

/// Asks the node to stop when a page of changes fails, as a shutdown that comes while the page
/// was on its way; counts the pages asked for.
final class StoppingTransport: SyncTransport {
    let inner: any SyncTransport
    let signal: SyncStopSignal
    let pagesAsked = Mutex(0)

    init(inner: any SyncTransport, signal: SyncStopSignal) {
        (self.inner, self.signal) = (inner, signal)
    }

    func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
        guard request.method == "GET", request.url.contains(SyncProtocol.changesPath) else { return try await inner.exchange(request) }
        pagesAsked.withLock { $0 += 1 }
        do {
            return try await inner.exchange(request)
        } catch {
            signal.stop()
            throw error
        }
    }

    func shutdown() { inner.shutdown() }
}
