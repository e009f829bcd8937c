import LiaisonStore
import LiaisonSync
import Testing

@Suite("SyncStopSignal: stop between batches, idle once nothing is in flight")
struct SyncStopSignalTests {
    @Test func aNewSignalIsNeitherStoppedNorBusy() {
        let signal = SyncStopSignal()
        #expect(!signal.isStopped)
        #expect(signal.activeSyncs == 0)
    }

    @Test func stoppingIsForGoodAndWakesEveryWaiter() async {
        let signal = SyncStopSignal()
        async let stopped: Void = signal.waitUntilStopped()
        async let idle: Void = signal.waitUntilIdle()
        signal.stop()
        signal.stop()  // a second stop changes nothing
        _ = await (stopped, idle)
        #expect(signal.isStopped)
        // Waiting after the stop returns at once.
        await signal.waitUntilStopped()
        await signal.waitUntilIdle()
    }

    @Test func idleWaitsForTheSyncInFlight() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(4, at: fixture.there)
        // The peer holds the first page until the test lets it go, with the stop already asked.
        let gate = Gate()
        let engine = SyncEngine(
            store: fixture.here,
            transport: GatedTransport(inner: fixture.peer, gate: gate),
            configuration: SyncConfiguration(batchRecords: 2)
        )
        let sync = Task { try await engine.sync(with: fixture.record) }
        await gate.waitUntilHeld()
        #expect(engine.stopSignal.activeSyncs == 1)
        engine.stopSignal.stop()
        let idle = Task { await engine.stopSignal.waitUntilIdle() }
        gate.open()
        await #expect(throws: SyncStopped.self) { try await sync.value }
        await idle.value
        #expect(engine.stopSignal.activeSyncs == 0)
        // The page that arrived after the stop was not merged: the checkpoint stays where it was.
        #expect(try await fixture.checkpoints().pull == 0)
        #expect(try await fixture.ids(fixture.here).isEmpty)
        #expect(try await fixture.status()?.lastError == nil)
    }

    @Test func aCancelledWaitReturns() async {
        let signal = SyncStopSignal()
        let waiter = Task { await signal.waitUntilStopped() }
        waiter.cancel()
        await waiter.value
        #expect(!signal.isStopped)
    }
}

/// Holds the first page request at the peer until ``open()``.
final class Gate: Sendable {
    private let held = AsyncStream.makeStream(of: Void.self)
    private let opened = AsyncStream.makeStream(of: Void.self)

    /// Returns once a request is held.
    func waitUntilHeld() async {
        for await _ in held.stream { return }
    }

    /// Lets the held request through.
    func open() {
        opened.continuation.yield()
        opened.continuation.finish()
    }

    /// Called by the transport: holds the caller until ``open()``.
    func hold() async {
        held.continuation.yield()
        held.continuation.finish()
        for await _ in opened.stream { return }
    }
}

/// The peer, with its first changes request held at a ``Gate``.
struct GatedTransport: SyncTransport {
    let inner: InProcessPeer
    let gate: Gate

    func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
        if request.url.contains(SyncProtocol.changesPath) { await gate.hold() }
        return try await inner.exchange(request)
    }

    func shutdown() {}
}
