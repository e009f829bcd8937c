import CSQLiteSettings
public import Foundation
import GRDB
public import LiaisonCore
import Synchronization

/// A node's embedded store: one SQLite file (`<data dir>/liaison.sqlite`, WAL mode) holding
/// the node's identity, record states with their queryable columns, the changes feed, sync
/// checkpoints, peers and tokens.
///
/// ```swift
/// let replica = try LiaisonStore.initialise(directory: dir, office: "mumbai")
/// let store = try LiaisonStore(directory: dir, schema: .core)
/// let record = try await store.create(["title": .text("Lithium JV"), ...], author: "asha")
/// ```
public final class LiaisonStore: Sendable {
    /// The file name of the database inside the data directory.
    public static let fileName = "liaison.sqlite"

    /// The node's identity.
    public let identity: NodeIdentity
    /// The schema writes and incoming states are checked against.
    public let schema: Schema
    /// The upgrade this open made to a store of an earlier release, nil when it needed none.
    public let upgrade: StoreUpgrade?
    let database: DatabasePool
    /// The database file (``fileName`` in the data directory).
    let file: URL
    /// A read-only connection of its own for asking who is calling (``readCaller(_:)``),
    /// opened at the first ask, so a store that serves no requests holds no more files.
    private let callerReader = Mutex<DatabaseQueue?>(nil)
    /// Local record writes, committed in groups (``GroupCommit``).
    let recordWrites: GroupCommit
    /// How long, in seconds, a write may wait for the store from its arrival (``write(_:)``).
    let writeWait: Double
    /// The file a bulk load holds its lock on (bulk-load ``FileLock``).
    let bulkLoadLockFile: URL
    /// The clock local writes take their time from (``writeTime()``), in milliseconds since 1970.
    let now: @Sendable () -> Int64

    /// How long, in seconds, a statement waits for another process's lock on the store before
    /// it fails as busy, and how long a local record write waits for the store from its arrival
    /// unless the store was opened with another `writeWait`.
    public static let busyWait = 10.0

    /// Opens the store in `directory`, upgrading its schema first when it was made by an
    /// earlier release.
    ///
    /// A store another process serves is not upgraded under it: `liaison serve` of an older
    /// release would go on serving a schema it does not know. Only the process that holds the
    /// directory's ``ServingClaim`` upgrades a served store; it passes the claim as `claim`.
    ///
    /// ```swift
    /// let claim = try LiaisonStore.claimForServing(directory: dir)
    /// let store = try LiaisonStore(directory: dir, schema: schema, serving: claim)
    /// ```
    ///
    /// `writeWait` is how long a write (a local record write, a sign-in, a token, a merge) may
    /// wait for the store from when it arrives, in seconds, whatever holds the store (a sync merging a
    /// large pull, another process's import): past it, the write fails as busy (a GRDB
    /// `DatabaseError` `SQLITE_BUSY`) and nothing of it is written. `now` is the clock local
    /// writes take their time from: this machine's, unless a test gives its own.
    /// - Throws: ``StoreError`` `.notInitialised` when there is none; `.refused` when the store
    ///   needs an upgrade and another process serves it (nothing is changed).
    public init(
        directory: URL,
        schema: Schema,
        serving claim: ServingClaim? = nil,
        writeWait: Double = busyWait,
        now: @escaping @Sendable () -> Int64 = { Timestamp.millis() }
    ) throws {
        let file = directory.appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { throw Self.initialising(directory) ?? Self.notInitialised(directory) }
        (database, upgrade) = try Self.openPool(file, servedHere: claim != nil)
        bulkLoadLockFile = Self.bulkLoadLockFile(besides: file)
        recordWrites = GroupCommit(database: database, wait: writeWait)
        self.writeWait = writeWait
        self.file = file
        let row = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT replica_id, office, created_at FROM node WHERE id = 1")
        }
        guard let row else {
            throw Self.initialising(directory)
                ?? StoreError(
                    .notInitialised,
                    "the store in \(directory.path) has no identity (a `liaison init` stopped before it finished): run `liaison init --office SLUG` again, which finishes it"
                )
        }
        identity = NodeIdentity(replicaID: row[0], office: row[1], createdAt: row[2])
        self.schema = schema
        self.now = now
    }

    /// Reads who is calling (a token, a session: every request asks) on the caller's own thread,
    /// through ``callerReader``. The pool's readers run on threads of their own, and the two
    /// hand-offs there and back cost more than the read (`liaison-bench writes`: ~30 % more
    /// writes/s without them). The read is a few small rows; callers wait only for each other.
    /// No transaction holds the statements together (opening and ending one cost more than the
    /// token's one-statement read): each reads the latest commit, so a session's second read
    /// (its account) is at least as fresh as its first.
    func readCaller<T>(_ read: (Database) throws -> T) throws -> T {
        let reader = try callerReader.withLock { reader in
            if let reader { return reader }
            var readOnly = Configuration()
            readOnly.readonly = true
            readOnly.busyMode = LockWait.busyMode
            let opened = try DatabaseQueue(path: file.path, configuration: readOnly)
            reader = opened
            return opened
        }
        return try reader.inDatabase(read)
    }

    /// SQLite's process-wide settings, made once before the process's first database opens
    /// (every store opens through ``openPool(_:)``). Without memory statistics the serving
    /// node spends a few per cent less CPU a write (`liaison-bench writes`).
    private static let sqliteSettings: Void = {
        _ = liaison_sqlite_disable_memory_statistics()
    }()

    /// The error for a data directory that holds no store.
    static func notInitialised(_ directory: URL) -> StoreError {
        StoreError(.notInitialised, "no Liaison store in \(directory.path): run `liaison init --office SLUG` first")
    }

    /// Opens `file`, upgrading it when it needs it: freely when `servedHere` (this process holds
    /// the serving claim, or the file is new), else only while no other process serves it. Returns
    /// the upgrade it made, if any (none for a new file: its first migrations make it).
    static func openPool(_ file: URL, servedHere: Bool) throws -> (pool: DatabasePool, upgrade: StoreUpgrade?) {
        sqliteSettings
        var configuration = Configuration()
        configuration.busyMode = LockWait.busyMode
        configuration.prepareDatabase { db in
            db.add(function: SearchWordsFunction.function)
            // The writer's page cache holds a whole batch's index pages (the default 2 MiB
            // spills them to the WAL mid-transaction); readers keep the default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -32768") }
            // The WAL is folded back into the database every 32 MiB instead of every 4 MiB, so an
            // index page written by many batches is copied back once.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192") }
        }
        let pool = try DatabasePool(path: file.path, configuration: configuration)
        // The pool turns WAL on after `prepareDatabase`, and sets `synchronous = NORMAL` with it:
        // a commit would then outlive a crash of the process but not of the machine (the WAL is
        // synced only at checkpoints). FULL syncs the WAL at every commit, before a write is
        // acknowledged.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try pool.read { db in try Migrations.refuseNewer(db, file: file) }
        // A bulk load cut short (a crash, a stop) left indexes aside: they come back before any
        // migration, which may expect them, unless a live process is still loading (its lock).
        if try pool.read({ db in try db.setAsidePending() }), let lock = try FileLock.take(bulkLoadLockFile(besides: file)) {
            try pool.write { db in try db.restoreSetAside() }
            withExtendedLifetime(lock) {}
        }
        let upgrade = servedHere ? nil : try holdForUpgrade(pool, file: file)
        defer { withExtendedLifetime(upgrade) {} }
        let clock = ContinuousClock()
        let started = clock.now
        let before = try pool.read { db in try Migrations.migrator.appliedIdentifiers(db) }
        // One call for every migration: GRDB checks what is applied inside its own write, so an
        // open racing this one (another task or process) is never asked to migrate backwards
        // (`migrate(_:upTo:)` per migration trapped when another open had gone further).
        try Migrations.migrator.migrate(pool)
        // Every migration is applied now: the upgrade is those that were not before.
        let steps = Migrations.migrator.migrations.filter { !before.contains($0) }
        if try pool.read({ db in try db.displayValuesUnfilled() }) {
            try pool.write { db in try db.fillDisplayValues() }
        }
        if try pool.read({ db in try db.eventsUnfilled() }) {
            try pool.write { db in try db.reconstructEvents() }
        }
        if try pool.read({ db in try db.searchRefoldPending() }) {
            try pool.write { db in try db.refoldSearch() }
        }
        if try pool.read({ db in try db.titleSortFillPending() }) {
            try pool.write { db in try db.fillTitleSort() }
        }
        // A new file (no migration applied before) is made, not upgraded.
        let made = before.isEmpty || steps.isEmpty ? nil : StoreUpgrade(migrations: steps, duration: clock.now - started)
        // From here the writer keeps SQLite's temporary storage in memory: the savepoint of each
        // group-committed write and each statement's undo pages went to a temporary file, made
        // and unlinked every transaction. The migrations above sort with files (their index builds
        // over a million records held 322 MiB in memory instead of 110), and so does a bulk
        // load's index rebuild (``Database/sortingWithFiles(_:)``).
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        return (pool, made)
    }

    /// The node's local sequence: the number of the latest change of any record state.
    public func currentSequence() async throws -> Int64 {
        try await database.read { db in try Int64.fetchOne(db, sql: "SELECT sequence FROM node")! }
    }
}
