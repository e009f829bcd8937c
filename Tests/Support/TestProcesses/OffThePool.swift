import Dispatch
import Foundation
public import Testing

/// A trait for suites whose tests hold their thread for long: they block it while a child
/// process runs (the CLI and multi-node tests), or keep a core busy for a second or more (the
/// property-based suites). Each test case runs on threads of its own instead of Swift's
/// cooperative pool, at most one per core at once.
///
/// A synchronous test runs on the thread its task is on. On the cooperative pool (one thread a
/// core) two such tests waiting for `liaison` processes held every thread, and the suite's
/// async tests (a sync between two stores, say) waited a minute for a thread; two property
/// tests replaying thousands of random histories did the same to every in-process server.
/// Off the pool they wait only for a core.
public struct OffThePool: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Each test case is scoped once (not its suite or its test as well, which would take a
    /// second slot while holding the first).
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        await Self.slots.take()
        defer { Self.slots.give() }
        try await withTaskExecutorPreference(OwnThreadExecutor.shared) { try await function() }
    }

    /// As many test cases at once as the machine has cores, as on the pool.
    private static let slots = Slots(ProcessInfo.processInfo.activeProcessorCount)
}

extension Trait where Self == OffThePool {
    /// Runs each test case off Swift's cooperative pool (see ``OffThePool``).
    public static var offThePool: Self { OffThePool() }
}

/// Runs each job on a serial dispatch queue of its own: such queues take a thread at once when
/// every other is busy (the global queue adds one a second), so a blocked test holds no other.
public final class OwnThreadExecutor: TaskExecutor {
    /// The one executor every caller shares.
    public static let shared = OwnThreadExecutor()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        DispatchQueue(label: "liaison-test").async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A counting semaphore that waits without holding a thread.
private final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = max(count, 1) }

    /// Takes a slot, waiting (suspended) until one is free.
    func take() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if free > 0 {
                free -= 1
                lock.unlock()
                continuation.resume()
            } else {
                waiting.append(continuation)
                lock.unlock()
            }
        }
    }

    /// Gives a slot back, to the longest waiter when there is one.
    func give() {
        lock.lock()
        if waiting.isEmpty {
            free += 1
            lock.unlock()
        } else {
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume()
        }
    }
}
