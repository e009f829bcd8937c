import GRDB

/// A store's write lock, taken by a connection of its own and held until ``release()``, as
/// another process holds it while it writes (a `liaison import` of a large file on the node's
/// data directory).
public struct HeldStoreLock: Sendable {
    private let connection: DatabaseQueue

    /// Takes the write lock of the SQLite file at `path` (`BEGIN IMMEDIATE`).
    public static func take(path: String) async throws -> HeldStoreLock {
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the lock outlives one access, as another process's would
        let connection = try DatabaseQueue(path: path, configuration: holding)
        try await connection.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        return HeldStoreLock(connection: connection)
    }

    /// Lets the lock go (`ROLLBACK`).
    public func release() async throws {
        try await connection.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
    }
}
