import LiaisonSync
import ServiceLifecycle

/// The periodic sync with every peer as a service: runs until graceful shutdown or cancellation.
struct SyncService: Service {
    let scheduler: SyncScheduler

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await scheduler.run()
        }
    }
}
