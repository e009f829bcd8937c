import Synchronization

/// The error a sync ends with when it was asked to stop (graceful shutdown) between two batches.
public struct SyncStopped: Error, Hashable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "sync stopped for shutdown (between batches)" }
}

/// Asks a ``SyncEngine`` to stop between batches, and tells when no sync is in flight.
///
/// A batch already under way finishes: a pulled batch merges and commits with its checkpoint,
/// a pushed batch waits for the peer's acknowledgement and saves its checkpoint. Only then does
/// the sync end, with ``SyncStopped``. Syncs that start after ``stop()`` end at once.
///
/// ```swift
/// engine.stopSignal.stop()
/// await engine.stopSignal.waitUntilIdle()   // every batch in flight has completed
/// ```
public final class SyncStopSignal: Sendable {
    private struct State {
        var stopped = false
        var active = 0
        var nextID = 0
        /// Waiters, each for the stop alone or for idle (stopped and nothing in flight).
        var waiters: [Int: (idle: Bool, continuation: CheckedContinuation<Void, Never>)] = [:]

        func isDone(idle: Bool) -> Bool { stopped && (!idle || active == 0) }

        /// Removes and returns the waiters whose condition now holds.
        mutating func takeReady() -> [CheckedContinuation<Void, Never>] {
            let ready = waiters.filter { isDone(idle: $0.value.idle) }
            for id in ready.keys { waiters[id] = nil }
            return ready.values.map(\.continuation)
        }
    }

    private let state = Mutex(State())

    /// A signal not yet stopped.
    public init() {}

    /// Whether ``stop()`` was called.
    public var isStopped: Bool { state.withLock { $0.stopped } }

    /// Syncs in flight.
    public var activeSyncs: Int { state.withLock { $0.active } }

    /// Asks every sync to stop at its next batch boundary, and refuses new ones.
    public func stop() {
        let ready = state.withLock { state in
            state.stopped = true
            return state.takeReady()
        }
        for waiter in ready { waiter.resume() }
    }

    /// Returns once ``stop()`` was called (or the task is cancelled).
    public func waitUntilStopped() async {
        await wait(idle: false)
    }

    /// Returns once stopped with no sync in flight (or when the task is cancelled).
    public func waitUntilIdle() async {
        await wait(idle: true)
    }

    /// Registers a sync starting; `false` when stopped (the sync must not start).
    func begin() -> Bool {
        state.withLock { state in
            if state.stopped { return false }
            state.active += 1
            return true
        }
    }

    /// Registers the end of a sync that ``begin()`` let start.
    func end() {
        let ready = state.withLock { state in
            state.active -= 1
            return state.takeReady()
        }
        for waiter in ready { waiter.resume() }
    }

    private func wait(idle: Bool) async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.isDone(idle: idle) || Task.isCancelled { return true }
                    state.waiters[id] = (idle, continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume()
        }
    }
}
