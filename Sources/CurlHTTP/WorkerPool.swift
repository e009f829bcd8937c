import Foundation
import Synchronization

/// A small fixed set of threads that run blocking libcurl transfers, away from Swift's cooperative thread pool.
final class WorkerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var jobs: [Job] = []
        var head = 0
        var closed = false

        mutating func pop() -> Job? {
            guard head < jobs.count else { return nil }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            return job
        }
    }

    private let state = Mutex(State())
    /// Counts queued jobs plus one wake-up per thread at shutdown.
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    /// Starts `threads` worker threads named `name`.
    init(threads: Int, name: String) {
        threadCount = max(1, threads)
        for index in 0..<threadCount {
            let thread = Thread { [self] in self.run() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues a job; `false` if the pool is shut down (the job will not run).
    func submit(_ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Refuses new jobs; the threads finish the queued ones, then exit. Idempotent.
    func shutdown() {
        let wasClosed = state.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !wasClosed else { return }
        for _ in 0..<threadCount { available.signal() }
    }

    private func run() {
        while true {
            available.wait()
            let next: (job: Job?, stop: Bool) = state.withLock { state in
                if let job = state.pop() { return (job, false) }
                return (nil, state.closed)
            }
            if let job = next.job {
                job()
            } else if next.stop {
                return
            }
        }
    }
}
