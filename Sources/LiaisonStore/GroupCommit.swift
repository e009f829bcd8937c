import Dispatch
import GRDB
import Synchronization

/// Group commit for local record writes (docs/design.md §5, "Group commit"): writes that arrive
/// while a transaction is committing wait, then go together in the next one, so one fsync
/// serves many writers.
///
/// Each write runs in its own savepoint inside the shared transaction: a write that throws is
/// rolled back alone and fails only its own caller; the others still commit. Every caller is
/// answered only after the transaction that holds its write committed; if the commit itself
/// fails, every write of it fails and none is acknowledged. Writes run in arrival order, each
/// seeing the ones before it, exactly as if they had been committed one by one.
///
/// A write waits for the store at most `wait` from when it arrives, whatever holds the store:
/// the writer busy with a sync's merge, or another process's transaction (SQLite's busy wait is
/// cut to what is left). A write whose wait is over before its transaction began is answered
/// ``busy`` and nothing of it is written.
final class GroupCommit: Sendable {
    /// At most this many writes share a transaction, so none waits behind an unbounded queue.
    static let maxWrites = 64

    private let database: DatabasePool
    /// How long a write may wait for the store, in seconds, from its arrival.
    let wait: Double
    private let queue = Mutex(Queue())

    private struct Queue {
        /// In arrival order, so in order of their deadlines.
        var waiting: [Job] = []
        var committing = false
        /// Whether a check of the waiting writes' deadlines is due (``expireOverdue()``).
        var watching = false

        /// Takes out the writes at the head whose wait was over at `now`.
        mutating func takeOverdue(at now: DispatchTime) -> [Job] {
            let overdue = Array(waiting.prefix { $0.deadline <= now })
            waiting.removeFirst(overdue.count)
            return overdue
        }

        /// When a check of the deadlines must run, if none is due and a write waits: the first
        /// write's deadline (the caller schedules it, ``watch(until:)``).
        mutating func startWatching() -> DispatchTime? {
            guard !watching, let first = waiting.first else { return nil }
            watching = true
            return first.deadline
        }
    }

    /// One caller's write: run it inside the transaction, then answer the caller.
    private struct Job: Sendable {
        /// When its wait for the store is over.
        let deadline: DispatchTime
        /// Runs the write in a savepoint; keeps its value or error for `answer`.
        let run: @Sendable (Database) -> Void
        /// Answers the caller once the transaction ended: `commitError` is nil when it committed.
        let answer: @Sendable (_ commitError: (any Error)?) -> Void
    }

    init(database: DatabasePool, wait: Double) {
        self.database = database
        self.wait = wait
    }

    /// What a write whose wait was over is answered: SQLite's own busy error, as when another
    /// process holds the store, so that every caller reads it the same way.
    var busy: DatabaseError {
        DatabaseError(resultCode: .SQLITE_BUSY, message: "the store was held for over \(Int(wait.rounded(.up))) s; nothing was written")
    }

    /// Runs `write` in the next shared transaction and returns its value once that committed.
    /// - Throws: what `write` threw (nothing of it is kept), or the commit's error.
    func write<T: Sendable>(_ write: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                deadline: .now() + wait,
                run: { db in
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try write(db)
                            return .commit
                        }
                        outcome.result = .success(value!)
                    } catch {
                        outcome.result = .failure(error)
                    }
                },
                answer: { commitError in
                    switch (outcome.result, commitError) {
                    case (.failure(let error)?, _): continuation.resume(throwing: error)
                    case (_, let error?): continuation.resume(throwing: error)
                    case (.success(let value)?, nil): continuation.resume(returning: value)
                    case (nil, nil): continuation.resume(throwing: CancellationError())
                    }
                }
            )
            let (starts, check) = queue.withLock { queue in
                queue.waiting.append(job)
                defer { queue.committing = true }
                return (!queue.committing, queue.startWatching())
            }
            if let check { watch(until: check) }
            if starts { commitNext() }
        }
    }

    /// Checks the waiting writes at `deadline` (``expireOverdue()``).
    private func watch(until deadline: DispatchTime) {
        Self.deadlines.asyncAfter(deadline: deadline) { self.expireOverdue() }
    }

    /// Where the checks run: a serial queue's own thread, not `DispatchQueue.global()`, which on
    /// Linux is the pool Swift's tasks run on, so that a write is answered busy at its deadline
    /// however busy that pool is.
    private static let deadlines = DispatchQueue(label: "liaison.group-commit-deadlines")

    /// Answers ``busy`` to the writes still waiting past their deadline (none of them ran: a write
    /// leaves the queue when its transaction takes it), and checks again at the next deadline.
    private func expireOverdue() {
        let now = DispatchTime.now()
        let (overdue, next) = queue.withLock { queue in
            let overdue = queue.takeOverdue(at: now)
            queue.watching = false
            return (overdue, queue.startWatching())
        }
        for job in overdue { job.answer(busy) }
        if let next { watch(until: next) }
    }

    /// Commits the writes waiting now in one transaction, on the database's writer queue (no
    /// task in between), then queues the next group behind any other write (a sync merge)
    /// that waits for the writer, until none is left.
    private func commitNext() {
        database.asyncWriteWithoutTransaction { db in
            let now = DispatchTime.now()
            let (overdue, jobs) = self.queue.withLock { queue in
                let overdue = queue.takeOverdue(at: now)
                let jobs = Array(queue.waiting.prefix(Self.maxWrites))
                queue.waiting.removeFirst(jobs.count)
                return (overdue, jobs)
            }
            for job in overdue { job.answer(self.busy) }
            if !jobs.isEmpty { self.commit(jobs, in: db) }
            let more = self.queue.withLock { queue in
                queue.committing = !queue.waiting.isEmpty
                return queue.committing
            }
            if more { self.commitNext() }
        }
    }

    /// Runs `jobs` in one transaction and answers them. SQLite waits for another connection's
    /// lock only until the first job's deadline; if the transaction could not begin by then,
    /// nothing ran: that job is answered ``busy`` and the others wait on, first in the queue.
    private func commit(_ jobs: [Job], in db: Database) {
        var began = false
        do {
            try db.waitingForLock(until: jobs[0].deadline) {
                try db.inTransaction {
                    began = true
                    for job in jobs { job.run(db) }
                    try db.refreshStaleSearch()
                    return .commit
                }
            }
            for job in jobs { job.answer(nil) }
        } catch let error as DatabaseError where !began && error.resultCode == .SQLITE_BUSY {
            let next = queue.withLock { queue in
                queue.waiting.insert(contentsOf: jobs.dropFirst(), at: 0)
                return queue.startWatching()
            }
            if let next { watch(until: next) }
            jobs[0].answer(busy)
        } catch {
            for job in jobs { job.answer(error) }
        }
    }
}

/// What one write gave; set on the database's writer thread, read after the transaction ended.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
