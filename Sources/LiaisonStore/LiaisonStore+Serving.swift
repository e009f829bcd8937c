public import Foundation
import GRDB

/// A data directory held by one serving node (``LiaisonStore/claimForServing(directory:)``),
/// for as long as this object lives.
public final class ServingClaim: Sendable {
    private let lock: FileLock

    fileprivate init(lock: FileLock) { self.lock = lock }
}

extension LiaisonStore {
    /// Claims the data directory for one `liaison serve`: two nodes on one store would run two
    /// sync schedulers against it and answer for one replica from two addresses. The claim is a
    /// lock on `liaison.sqlite.serve`, dropped by the kernel when the process ends, however it ends.
    /// Take it before opening the store, and open it with the claim
    /// (``init(directory:schema:serving:)``): the claim is what allows the open to upgrade it.
    /// - Throws: ``StoreError`` `.notInitialised` when the directory holds no store, `.refused`
    ///   when another process serves the directory.
    public static func claimForServing(directory: URL) throws -> ServingClaim {
        let file = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { throw initialising(directory) ?? notInitialised(directory) }
        guard let lock = try FileLock.take(servingLockFile(besides: file)) else {
            throw initialising(directory)
                ?? StoreError(
                    .refused,
                    "another liaison serve is already serving \(directory.path) (or a liaison command is upgrading it now; then start again when it is done); stop it first, or give this one another --data"
                )
        }
        return ServingClaim(lock: lock)
    }

    /// The file a serving node holds its lock on, beside the store `file`.
    static func servingLockFile(besides file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".serve")
    }

    /// Takes the serving lock of the store `file` for the upgrade that `pool` needs, or returns
    /// nil when it needs none. While the lock is held no node can start serving the store
    /// half-upgraded. A node serving it now is one that has not upgraded it: an older release
    /// (which would go on serving a schema it refuses to open, and whose backups and rollback
    /// the upgrade would break), or this release in the middle of the upgrade.
    /// - Throws: ``StoreError`` `.refused` when another process holds the lock.
    static func holdForUpgrade(_ pool: DatabasePool, file: URL) throws -> FileLock? {
        guard try !pool.read({ db in try Migrations.migrator.hasCompletedMigrations(db) }) else { return nil }
        guard let lock = try FileLock.take(servingLockFile(besides: file)) else {
            let directory = file.deletingLastPathComponent()
            throw initialising(directory)
                ?? StoreError(
                    .refused,
                    "\(directory.path) is served by a running `liaison serve` of an older release (or one upgrading the store now): stop it and start this release's `liaison serve`, which upgrades the store; nothing was changed"
                )
        }
        return lock
    }
}
