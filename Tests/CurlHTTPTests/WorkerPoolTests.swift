import Foundation
import Synchronization
import Testing

@testable import CurlHTTP

@Suite("WorkerPool: queued jobs run; a shut-down pool refuses new ones")
struct WorkerPoolTests {
    /// Counts finished jobs and lets a test wait for a number of them.
    final class Finished: Sendable {
        private let order = Mutex([Int]())
        private let done = DispatchSemaphore(value: 0)

        func record(_ job: Int) {
            order.withLock { $0.append(job) }
            done.signal()
        }

        /// Waits for `count` jobs and returns every job finished so far, in order.
        func wait(for count: Int) -> [Int] {
            for _ in 0..<count { done.wait() }
            return order.withLock { $0 }
        }
    }

    @Test func oneThreadRunsJobsInTheOrderTheyCame() {
        let pool = WorkerPool(threads: 1, name: "test-pool")
        defer { pool.shutdown() }
        let finished = Finished()
        for job in 0..<100 {
            #expect(pool.submit { finished.record(job) })
        }
        #expect(finished.wait(for: 100) == Array(0..<100))
    }

    @Test func manyThreadsRunEveryJobOnce() {
        let pool = WorkerPool(threads: 4, name: "test-pool")
        defer { pool.shutdown() }
        let finished = Finished()
        for job in 0..<1_000 {
            #expect(pool.submit { finished.record(job) })
        }
        #expect(finished.wait(for: 1_000).sorted() == Array(0..<1_000))
    }

    @Test func jobsQueuedBeforeShutdownStillRunAndLaterOnesAreRefused() {
        let pool = WorkerPool(threads: 1, name: "test-pool")
        let finished = Finished()
        let release = DispatchSemaphore(value: 0)
        // The first job holds the only thread, so the next ones are queued at shutdown.
        #expect(
            pool.submit {
                release.wait()
                finished.record(0)
            }
        )
        for job in 1...3 {
            #expect(pool.submit { finished.record(job) })
        }
        pool.shutdown()
        #expect(!pool.submit { finished.record(99) })
        pool.shutdown()  // idempotent
        release.signal()
        #expect(finished.wait(for: 4) == [0, 1, 2, 3])
    }

    @Test func aPoolAskedForNoThreadsStillHasOne() {
        let pool = WorkerPool(threads: 0, name: "test-pool")
        defer { pool.shutdown() }
        let finished = Finished()
        #expect(pool.submit { finished.record(7) })
        #expect(finished.wait(for: 1) == [7])
    }
}
