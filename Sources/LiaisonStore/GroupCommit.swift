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
final class GroupCommit: Sendable {
    /// At most this many writes share a transaction, so none waits behind an unbounded queue.
    static let maxWrites = 64

    private let database: DatabasePool
    private let queue = Mutex(Queue())

    private struct Queue {
        var waiting: [Job] = []
        var committing = false
    }

    /// One caller's write: run it inside the transaction, then answer the caller.
    private struct Job: Sendable {
        /// Runs the write in a savepoint; keeps its value or error for `answer`.
        let run: @Sendable (Database) -> Void
        /// Answers the caller once the transaction ended: `commitError` is nil when it committed.
        let answer: @Sendable (_ commitError: (any Error)?) -> Void
    }

    init(database: DatabasePool) {
        self.database = database
    }

    /// Runs `write` in the next shared transaction and returns its value once that committed.
    /// - Throws: what `write` threw (nothing of it is kept), or the commit's error.
    func write<T: Sendable>(_ write: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
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
            let starts = queue.withLock { queue in
                queue.waiting.append(job)
                defer { queue.committing = true }
                return !queue.committing
            }
            if starts { commitNext() }
        }
    }

    /// Commits the writes waiting now in one transaction, on the database's writer queue (no
    /// task in between), then queues the next group behind any other write (a sync merge)
    /// that waits for the writer, until none is left.
    private func commitNext() {
        database.asyncWriteWithoutTransaction { db in
            let jobs = self.queue.withLock { queue in
                let jobs = Array(queue.waiting.prefix(Self.maxWrites))
                queue.waiting.removeFirst(jobs.count)
                return jobs
            }
            do {
                try db.inTransaction {
                    for job in jobs { job.run(db) }
                    try db.refreshStaleSearch()
                    return .commit
                }
                for job in jobs { job.answer(nil) }
            } catch {
                for job in jobs { job.answer(error) }
            }
            let more = self.queue.withLock { queue in
                queue.committing = !queue.waiting.isEmpty
                return queue.committing
            }
            if more { self.commitNext() }
        }
    }
}

/// What one write gave; set on the database's writer thread, read after the transaction ended.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
