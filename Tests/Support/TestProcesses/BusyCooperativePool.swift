import Dispatch
import Foundation
import Synchronization

/// Keeps every thread of Swift's cooperative pool running until ``stop()``: on Linux that pool is
/// `DispatchQueue.global()`, one thread a core. The jobs spin rather than block, so libdispatch
/// adds no thread beside them; work queued there after them waits until they stop.
///
/// For tests that blocking work of the node runs beside the pool, as a node whose cores are
/// all busy needs it to.
public final class BusyCooperativePool: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Starts more spinning jobs than the pool has threads.
    public init() {
        for _ in 0..<(ProcessInfo.processInfo.activeProcessorCount + 2) {
            DispatchQueue.global().async { [self] in
                while !stopped.load(ordering: .relaxed) {}
            }
        }
    }

    /// Ends every spinning job.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    /// Runs `work` on threads outside the pool while it is busy, and waits at most `seconds`
    /// for it: whether it finished.
    public func runs(within seconds: Double, _ work: @escaping @Sendable () async -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: OwnThreadExecutor.shared) {
            await work()
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success
    }
}
