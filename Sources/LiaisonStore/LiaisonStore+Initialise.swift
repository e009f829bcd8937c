public import Foundation
import GRDB
import LiaisonCore

extension LiaisonStore {
    /// Makes a new store in `directory` (created if missing) with a new replica id for
    /// `office`, and returns that id. The directory of peer tokens is made first, if it is not
    /// there (``makePeerTokenDirectory(in:)``).
    ///
    /// One `init` at a time works on a directory: each holds `liaison.sqlite.init` (a
    /// ``FileLock``) while it works, and one that finds it held changes nothing. Two at once would
    /// both make the store's tables, and the loser's failure could leave the winner's store
    /// without an identity. A store that has no identity (an `init` stopped midway) and no
    /// records is finished: it gets its identity now.
    /// - Throws: ``StoreError`` `.alreadyInitialised` when a store is already there or another
    ///   `init` is making one now, `.refused` when another process has the unfinished store open
    ///   or it holds records, `.invalid` for an unknown office.
    @discardableResult
    public static func initialise(directory: URL, office: String) throws -> NodeIdentity {
        guard CoreSchema.offices.contains(office) else {
            throw StoreError(.invalid, "unknown office \"\(office)\"; offices: \(CoreSchema.offices.joined(separator: ", "))")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(fileName)
        guard let initialising = try FileLock.take(initialiseLockFile(besides: file)) else {
            throw StoreError(.alreadyInitialised, "another `liaison init` is initialising \(directory.path) now; nothing was changed")
        }
        defer { withExtendedLifetime(initialising) {} }
        if FileManager.default.fileExists(atPath: file.path), let existing = try identity(in: file) {
            throw StoreError(.alreadyInitialised, "\(directory.path) already holds the store of \(existing.replicaID)")
        }
        // The serving lock keeps every other process from migrating the store while this one
        // makes it (``holdForUpgrade(_:file:)``), and no node can serve it half made.
        guard let making = try FileLock.take(servingLockFile(besides: file)) else {
            throw StoreError(
                .refused,
                "another liaison process has the unfinished store in \(directory.path) open (a `liaison serve`, or a command upgrading it): run `liaison init` again when it has ended; nothing was changed"
            )
        }
        defer { withExtendedLifetime(making) {} }
        _ = try makePeerTokenDirectory(in: directory)
        try makeOwnerOnlyFile(file)
        let pool = try openPool(file, servedHere: true).pool
        let identity = NodeIdentity(replicaID: ReplicaID.make(office: office), office: office, createdAt: Timestamp.millis())
        try pool.write { db in
            guard try !Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM record)")! else {
                throw StoreError(
                    .refused,
                    "the store in \(directory.path) holds records but no identity: it cannot be given a new one; restore it from a backup; nothing was changed"
                )
            }
            try db.execute(
                sql: "INSERT INTO node (id, replica_id, office, created_at) VALUES (1, ?, ?, ?)",
                arguments: [identity.replicaID, identity.office, identity.createdAt]
            )
        }
        return identity
    }

    /// Makes `file` empty, readable and writable by its owner only (mode 0600), unless it is
    /// there: the store holds the hashes of every token and password, as a backup does (made
    /// 0600 too), and SQLite gives its log and shared memory the mode of the store's file. It
    /// was made 0644, readable by every account of the machine.
    private static func makeOwnerOnlyFile(_ file: URL) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError(.invalid, "cannot make \(file.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The file an `init` holds its lock on, beside the store `file`.
    static func initialiseLockFile(besides file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".init")
    }

    /// The error for a store an `init` is still making in `directory`, or nil when no `init` is
    /// at work there. Ask only once opening the store failed in a way a running `init` explains
    /// (no store yet, no identity yet, its serving lock held): the check takes the lock for a
    /// moment, and an `init` started in that moment would find it held.
    static func initialising(_ directory: URL) -> StoreError? {
        let lock = initialiseLockFile(besides: directory.appendingPathComponent(fileName))
        guard FileManager.default.fileExists(atPath: lock.path) else { return nil }
        do {
            guard try FileLock.take(lock) == nil else { return nil }
        } catch {
            return nil
        }
        return StoreError(
            .refused,
            "a `liaison init` is still making the store in \(directory.path): try again when it has finished; nothing was changed"
        )
    }

    /// The identity in the store `file`, or nil when it has none yet (its `init` did not finish).
    /// Reads without migrating: a store that has one needs nothing from `init`.
    private static func identity(in file: URL) throws -> NodeIdentity? {
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = LockWait.busyMode
        let row = try DatabaseQueue(path: file.path, configuration: readOnly).read { db in
            try db.tableExists("node") ? Row.fetchOne(db, sql: "SELECT replica_id, office, created_at FROM node WHERE id = 1") : nil
        }
        return row.map { NodeIdentity(replicaID: $0[0], office: $0[1], createdAt: $0[2]) }
    }
}
