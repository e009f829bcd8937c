import Foundation
import GRDB

extension Database {
    /// Runs `body` with this connection waiting for another connection's lock only until
    /// `deadline` (``LockWait``), then as long as ``LiaisonStore/busyWait`` again.
    func waitingForLock<T>(until deadline: DispatchTime, _ body: () throws -> T) throws -> T {
        let wait = LockWait.onThisThread
        wait.deadline = deadline
        defer { wait.deadline = nil }
        return try body()
    }
}

/// How long a connection of the store waits for another connection's lock, by the clock.
///
/// SQLite's own busy timeout adds up the sleeps it asked for, not the time that passed, and on
/// a machine busy with other work each sleep runs long. This handler reads the clock at every
/// try instead, so a write's wait from its arrival (``GroupCommit``) holds by the clock.
///
/// SQLite calls the handler on the thread running the statement, so the deadline that
/// `waitingForLock(until:_:)` sets is kept per thread, and every other wait (a reader's, a
/// sync merge's) ends ``LiaisonStore/busyWait`` after its first try.
final class LockWait {
    /// The deadline `waitingForLock(until:_:)` set for the statements it runs, if any.
    var deadline: DispatchTime?
    /// When the wait under way ends, when no ``deadline`` is set.
    private var waitEnds = DispatchTime.now()

    /// The busy mode every connection of the store is opened with.
    static let busyMode = Database.BusyMode.callback { tries in onThisThread.retries(after: tries) }

    /// The sleeps between tries, in milliseconds, as SQLite's own handler takes them; the last
    /// one repeats.
    private static let sleeps: [UInt64] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

    /// The wait of the thread running now.
    static var onThisThread: LockWait {
        let key = "liaison.lockWait"
        let thread = Thread.current.threadDictionary
        if let wait = thread[key] as? LockWait { return wait }
        let wait = LockWait()
        thread[key] = wait
        return wait
    }

    /// Whether to try for the lock again after `tries` tries: sleeps a little first, and says
    /// no once the wait is over.
    private func retries(after tries: Int) -> Bool {
        let now = DispatchTime.now()
        if tries == 0 { waitEnds = now + LiaisonStore.busyWait }
        let ends = deadline ?? waitEnds
        guard ends > now else { return false }
        let left = (ends.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000
        let sleep = min(Self.sleeps[min(tries, Self.sleeps.count - 1)], max(left, 1))
        Thread.sleep(forTimeInterval: Double(sleep) / 1000)
        return true
    }
}

extension LiaisonStore {
    /// Runs `updates` in one write transaction that waits for the store at most ``writeWait``
    /// (10 s on a node) from this call, whatever holds it: the writer busy with other
    /// writes queued before it, or another process's lock. Past that the transaction does not
    /// begin and it throws SQLite's busy error (503 over HTTP); nothing of it is written.
    ///
    /// GRDB's writer runs its jobs one at a time, and each waited SQLite's 10 s for a lock once it
    /// began, so with another process holding the store the fourth of four writes queued at once
    /// (a sign-in, a token, a user, a sync's status) was answered after 40 s. Each now counts
    /// from its arrival, as local record writes do (``GroupCommit``): all four after 10 s.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let deadline = DispatchTime.now() + writeWait
        return try await database.writeWithoutTransaction { db in
            try db.waitingForLock(until: deadline) {
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try updates(db)
                    return .commit
                }
                return value!
            }
        }
    }
}

extension LiaisonStore {
    /// What a person is told when a write found the store held past its wait (``busyWait``).
    public static let busyMessage =
        "the store is busy: it was held for over \(Int(busyWait)) s, by a sync merging many records or by another process writing to it (an import or a merge on this data directory?); nothing was written, try again shortly"

    /// Whether `error` is SQLite's answer that the store was held past the wait.
    public static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}
