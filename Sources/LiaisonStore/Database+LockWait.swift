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
