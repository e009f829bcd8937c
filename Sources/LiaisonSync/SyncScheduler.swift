import LiaisonStore
public import Logging

/// Syncs with every registered peer periodically, each peer on its own schedule, so a dead
/// or slow peer never stalls the others. Peers added while it runs are picked up.
public struct SyncScheduler: Sendable {
    /// The engine that does each sync.
    public let engine: SyncEngine
    /// Seconds between syncs with a peer that answers.
    public let interval: Double
    let logger: Logger

    /// A scheduler syncing every `interval` seconds (with jitter and backoff).
    public init(engine: SyncEngine, interval: Double, logger: Logger = Logger(label: "liaison.sync")) {
        self.engine = engine
        self.interval = interval
        self.logger = logger
    }

    /// Runs until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            var running: Set<String> = []
            while !Task.isCancelled {
                let peers = (try? await engine.store.peers()) ?? []
                for peer in peers where !running.contains(peer.name) {
                    running.insert(peer.name)
                    group.addTask { await self.loop(peerNamed: peer.name) }
                }
                try? await Task.sleep(for: .seconds(max(interval, 1)))
            }
            group.cancelAll()
        }
    }

    /// Syncs with one peer forever; stops when the peer is removed or the task is cancelled.
    private func loop(peerNamed name: String) async {
        var backoff = Backoff(interval: interval)
        var generator = SystemRandomNumberGenerator()
        try? await Task.sleep(for: .seconds(Double.random(in: 0...min(interval, 1), using: &generator)))
        while !Task.isCancelled {
            guard let peer = try? await engine.store.peers().first(where: { $0.name == name }) else { return }
            do {
                try await engine.sync(with: peer)
                backoff.succeeded()
            } catch is CancellationError {
                return
            } catch {
                backoff.failed()
            }
            try? await Task.sleep(for: .seconds(backoff.nextDelay(using: &generator)))
        }
    }
}
