public import Foundation
import GRDB
import LiaisonCore

/// What a backup holds, or what a restore made.
public struct BackupSummary: Hashable, Sendable {
    /// The replica id of the node the backup was taken at.
    public let backedUpReplica: String
    /// The node's office.
    public let office: String
    /// Live records in the backup.
    public let records: Int
    /// Deleted records in the backup (kept, as every store keeps them, so a delete syncs).
    public let deletedRecords: Int
    /// The backup's local sequence.
    public let sequence: Int64
}

extension LiaisonStore {
    /// Writes a complete, consistent copy of the store to `file` (SQLite's `VACUUM INTO`, one
    /// read transaction: writes at a serving node go on meanwhile), through a temporary file
    /// beside it so that `file` is always whole. An existing `file` is replaced only when it is
    /// an earlier backup of this node (the same replica id).
    /// - Throws: ``StoreError`` `.invalid` when `file` is inside the data directory (the store,
    ///   its log, its locks, `liaison.conf`), or is there and is not an earlier backup of this
    ///   node (another node's store or backup, any other file): replacing it would lose it.
    @discardableResult
    public func backup(to file: URL) async throws -> BackupSummary {
        try refuseInsideDataDirectory(file, "back up to a file outside it")
        try refuseToReplace(file)
        let partial = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: partial)
        // Made empty first, readable by its owner only (it holds token and password hashes);
        // `VACUUM INTO` fills an empty file and keeps its mode.
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.invalid, "cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        defer { try? FileManager.default.removeItem(at: partial) }
        do {
            try await database.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [partial.path])
            }
        } catch {
            throw Self.fileProblem("cannot write \(file.path)", error)
        }
        let summary = try Self.withBackup(partial, named: file) { db in try Self.summary(of: db, file: file) }
        guard rename(partial.path, file.path) == 0 else {
            throw StoreError(.invalid, "cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
        return summary
    }

    /// Throws unless `file` is missing or is an earlier backup of this node, which a new backup
    /// may replace.
    private func refuseToReplace(_ file: URL) throws {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { return }
        var holder = "it is not a Liaison backup"
        if attributes[.type] as? FileAttributeType == .typeRegular, let replica = Self.replicaID(of: file) {
            if replica == identity.replicaID { return }
            holder = "it is a store or backup of node \(replica)"
        }
        throw StoreError(
            .invalid,
            "\(file.path) is there and is not an earlier backup of this node (\(identity.replicaID)): \(holder). Back up to a new file, or remove that one first if it is no longer needed"
        )
    }

    /// The replica id recorded in the store (or backup) `file`, read without writing to it; nil
    /// when it is not a Liaison store.
    private static func replicaID(of file: URL) -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: file.path, configuration: configuration) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db in try String.fetchOne(db, sql: "SELECT replica_id FROM node WHERE id = 1") }
    }

    /// Makes a new node in `directory` from a backup: the backup's states, peers and tokens
    /// under a NEW replica id (reusing the lost node's id would reuse write numbers it already
    /// used, and lose writes: docs/design.md §12). Checkpoints of what peers were pushed and peer
    /// statuses start again (they were about the old node), so the first sync pushes every
    /// record to every peer once; what the backup had pulled from peers stays pulled.
    /// - Returns: the new identity and what the backup held.
    /// - Throws: ``StoreError`` `.alreadyInitialised` when `directory` holds a store,
    ///   `.invalid` when `backup` is empty, damaged or not a Liaison store.
    public static func restore(from backup: URL, into directory: URL) throws -> (NodeIdentity, BackupSummary) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw StoreError(.invalid, "the data directory \(directory.path) is a file, not a directory: restore into a new directory")
        }
        let file = directory.appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: file.path) {
            throw StoreError(.alreadyInitialised, "\(directory.path) already holds a store: restore into a new directory")
        }
        try refuseLeftLogs(besides: file)
        var info = stat()
        guard stat(backup.path, &info) == 0 else { throw StoreError(.invalid, "no file \(backup.path)") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw StoreError(.invalid, "\(backup.path) is not a file (a directory, a device or a pipe): name a file made by `liaison backup`")
        }
        guard info.st_size > 0 else {
            throw StoreError(.invalid, "\(backup.path) is empty: name a file made by `liaison backup`")
        }
        // A store's log holds its latest commits until SQLite folds them back: copied alone, the
        // file would lose them (a backup has none; a node's store has one while it runs, or after a crash).
        let log = Self.sidecar(of: backup, "-wal")
        if let size = (try? FileManager.default.attributesOfItem(atPath: log.path))?[.size] as? Int, size > 0 {
            throw StoreError(
                .invalid,
                "\(backup.path) has a write-ahead log beside it (\(log.lastPathComponent)) holding its latest writes: it is a node's store, not a backup. Take a backup with `liaison backup`, or, with no node running on it, open it once (`liaison status --data DIR`) to fold the log in"
            )
        }
        var made: [URL] = []
        var missing = directory.standardizedFileURL
        while !FileManager.default.fileExists(atPath: missing.path) {
            made.append(missing)
            missing.deleteLastPathComponent()
        }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw fileProblem("cannot make the data directory \(directory.path)", error)
        }
        do {
            return try restoreLocked(from: backup, into: directory)
        } catch {
            for directory in made { rmdir(directory.path) }  // those this restore made, if left empty
            throw error
        }
    }

    /// The rest of ``restore(from:into:)``, in `directory` made, under a lock that keeps a second
    /// restore into it out.
    private static func restoreLocked(from backup: URL, into directory: URL) throws -> (NodeIdentity, BackupSummary) {
        let file = directory.appendingPathComponent(fileName)
        let lockFile = directory.appendingPathComponent(".\(fileName).restore")
        guard let lock = try FileLock.take(lockFile) else {
            throw StoreError(.invalid, "another restore into \(directory.path) is under way: let it finish, then check it with `liaison status`")
        }
        defer {
            try? FileManager.default.removeItem(at: lockFile)
            withExtendedLifetime(lock) {}
        }
        if FileManager.default.fileExists(atPath: file.path) {
            throw StoreError(.alreadyInitialised, "\(directory.path) already holds a store: restore into a new directory")
        }
        try refuseLeftLogs(besides: file)
        // Made whole in a temporary file and renamed, so no store ever holds the old replica id.
        let partial = directory.appendingPathComponent(".\(fileName).restoring")
        try? FileManager.default.removeItem(at: partial)
        defer { try? FileManager.default.removeItem(at: partial) }
        do { try FileManager.default.copyItem(at: backup, to: partial) } catch {
            throw fileProblem("cannot copy \(backup.path) into \(directory.path)", error)
        }
        let result = try withBackup(partial, named: backup) { db in
            let summary = try Self.summary(of: db, file: backup)
            try BackupCheck.checkStates(db, file: backup)
            let identity = NodeIdentity(
                replicaID: ReplicaID.make(office: summary.office),
                office: summary.office,
                createdAt: Timestamp.millis()
            )
            try db.inTransaction {
                try db.execute(
                    sql: "UPDATE node SET replica_id = ?, created_at = ? WHERE id = 1",
                    arguments: [identity.replicaID, identity.createdAt]
                )
                try db.execute(sql: "DELETE FROM checkpoint WHERE direction = 'push'")
                try db.execute(sql: "DELETE FROM peer_status")
                // A session id the backup's node gave out signs nobody in here (docs/web.md).
                try db.execute(sql: "DELETE FROM session")
                return .commit
            }
            return (identity, summary)
        }
        try FileManager.default.moveItem(at: partial, to: file)
        // As `init` makes it: the page's Add a peer reads token files from there only.
        _ = try makePeerTokenDirectory(in: directory)
        return result
    }

    /// Throws when SQLite's log, shared memory or journal of a store that is gone is left beside
    /// `file`: SQLite would apply the old store's log to the restored one, and break it.
    private static func refuseLeftLogs(besides file: URL) throws {
        let left = ["-wal", "-shm", "-journal"].map { sidecar(of: file, $0) }.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !left.isEmpty else { return }
        throw StoreError(
            .invalid,
            "\(file.deletingLastPathComponent().path) holds \(left.map(\.lastPathComponent).joined(separator: ", ")) of a store that is no longer there: SQLite would apply \(left.count == 1 ? "it" : "them") to the restored store and break it. Move \(left.count == 1 ? "it" : "them") away (or remove \(left.count == 1 ? "it" : "them"), if that store's last writes are not wanted), then restore"
        )
    }

    /// Opens a copy of a store as one self-contained file (migrated, not in WAL mode), runs
    /// `body`, and closes it; anything that is not a store is ``StoreError`` `.invalid`, naming
    /// the file the copy is `named` for.
    private static func withBackup<T>(_ file: URL, named name: URL, _ body: (Database) throws -> T) throws -> T {
        do {
            let queue = try DatabaseQueue(path: file.path)
            defer { try? queue.close() }
            try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
            try queue.read { db in try Migrations.refuseNewer(db, file: name) }
            // Before any migration writes to it: a trigger in it would run.
            try queue.read { db in try BackupCheck.checkSchema(db, file: name) }
            try Migrations.migrator.migrate(queue)
            return try queue.writeWithoutTransaction(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw fileProblem("cannot write \(file.path)", error)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            // A store cut short (a copy that stopped) or with a bad page: as the check of a whole one says.
            throw StoreError(.invalid, "\(name.path) is damaged: \(error.message ?? "\(error)")")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError(.invalid, "\(name.path) is not a Liaison store: it is not an SQLite database (a bundle, a CSV, or another file?)")
        } catch {
            throw StoreError(.invalid, "\(name.path) is not a Liaison store (\(error))")
        }
    }

    /// `what` failed because of `error`, as one line: `cannot write FILE: No space left on device`
    /// rather than SQLite's or Foundation's error codes.
    private static func fileProblem(_ what: String, _ error: any Error) -> StoreError {
        let problem =
            if let error = error as? DatabaseError {
                error.resultCode == .SQLITE_FULL ? String(cString: strerror(ENOSPC)) : error.message ?? "\(error)"
            } else {
                FileErrorText.reason(error)
            }
        return StoreError(.invalid, "\(what): \(problem)")
    }

    /// The file SQLite keeps beside `file` with `suffix` (`-wal`, `-shm`).
    private static func sidecar(of file: URL, _ suffix: String) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + suffix)
    }

    /// Checks that `db` is a whole Liaison store, as a node writes one (``BackupCheck``), and
    /// says what it holds.
    private static func summary(of db: Database, file: URL) throws -> BackupSummary {
        let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? ""
        guard check == "ok" else { throw StoreError(.invalid, "\(file.path) is damaged: \(check)") }
        return try BackupCheck.summary(of: db, file: file)
    }
}
