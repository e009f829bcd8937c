import Dispatch
import GRDB

extension Database {
    /// Runs `body` with SQLite waiting for another connection's lock (its busy timeout) only
    /// until `deadline`, then as long as ``LiaisonStore/busyWait`` again.
    func waitingForLock<T>(until deadline: DispatchTime, _ body: () throws -> T) throws -> T {
        let now = DispatchTime.now()
        let left = deadline > now ? (deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000 : 0
        try execute(sql: "PRAGMA busy_timeout = \(max(left, 1))")
        defer { try? execute(sql: "PRAGMA busy_timeout = \(Int(LiaisonStore.busyWait * 1000))") }
        return try body()
    }
}
