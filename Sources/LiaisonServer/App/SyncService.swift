import LiaisonSync
import ServiceLifecycle

/// The periodic sync with every peer as a service.
///
/// On graceful shutdown (SIGTERM) it stops between batches rather than in the middle of one:
/// the engine's ``SyncStopSignal`` makes every sync end at its next batch boundary and refuses
/// new ones; once no sync is in flight, the scheduler's task (asleep between syncs) is cancelled.
/// A pulled batch already under way merges and commits with its checkpoint; a pushed batch waits
/// for the peer's acknowledgement and saves its push checkpoint. The wait is bounded by the sync
/// timeout (a request never outlives it) and by the service group's maximum graceful shutdown
/// duration, after which cancellation aborts the transfer; that too is safe: a merge is one
/// transaction, and a push whose acknowledgement is lost is pushed again next time (merge is
/// idempotent).
struct SyncService: Service {
    let scheduler: SyncScheduler

    func run() async throws {
        let signal = scheduler.engine.stopSignal
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await scheduler.run() }
            await withGracefulShutdownHandler {
                await signal.waitUntilStopped()  // returns on stop() or on cancellation
            } onGracefulShutdown: {
                signal.stop()
            }
            signal.stop()
            await signal.waitUntilIdle()
            group.cancelAll()
        }
    }
}
