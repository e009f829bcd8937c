import Foundation
import GRDB

/// A bulk load: when a pull brings more records than the node holds (a new office's first sync,
/// a node restored from far behind), the indexes of the record list and the triggers that keep
/// the search index are set aside while the records go in, and the indexes are built once at
/// the end, by sorting, instead of taking each record at a random place in six trees
/// (docs/design.md §13). The records, their log, kept counts, report facts and checkpoints go
/// in as always, each batch in one transaction. Meanwhile the list answers by reading the table,
/// and search finds only the records held before the load.
///
/// What was set aside is written down (`set_aside`, with the SQL that makes each one again) in
/// the transaction that drops it, so everything comes back whatever happens: at the end of the
/// load, or, after a crash or a stop, when the store next opens.
extension LiaisonStore {
    /// Loads of fewer records than this keep the indexes: building them again costs more.
    public static let bulkLoadThreshold = 10_000

    /// Whether a load of `incoming` records is big enough for a bulk load (a `threshold` of 0: never).
    private static func isBulk(_ incoming: Int, threshold: Int) -> Bool {
        threshold > 0 && incoming >= threshold
    }

    /// The lock file of the store file `file`.
    static func bulkLoadLockFile(besides file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".bulk-load")
    }

    /// What a load that set the search index's triggers aside runs when it ends (`then_run`):
    /// the index misses what went in without them, and is built again from the records' texts.
    static let searchRebuild = "INSERT INTO record_fts (record_fts) VALUES ('rebuild'); DELETE FROM search_stale"

    /// Sets the list indexes and the search index aside for a load of `incoming` records when
    /// that is at least `threshold` (not 0) and more than the records the store holds (live and
    /// deleted). Returns whether it did; the caller then ends the load with ``restoreIndexes()``.
    /// The caller holds the bulk-load ``FileLock`` meanwhile (``loadingInBulk(_:threshold:_:)`` does).
    func setIndexesAside(forLoadOf incoming: Int, threshold: Int = bulkLoadThreshold) async throws -> Bool {
        guard Self.isBulk(incoming, threshold: threshold) else { return false }
        return try await write { db in
            let held =
                try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM record_count WHERE key LIKE 'records:%'") ?? 0
            guard incoming > held, try !db.setAsidePending() else { return false }
            // The index takes what changed before its triggers go; it is built anew at the end.
            try db.refreshStaleSearch()
            let objects = try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, sql FROM sqlite_master
                    WHERE (type = 'index' AND tbl_name = 'record' AND name LIKE 'record\\_list\\_%' ESCAPE '\\')
                       OR (type = 'trigger' AND name IN ('record_fts_insert', 'record_fts_update', 'record_fts_delete'))
                    """
            )
            for object in objects {
                let (type, name): (String, String) = (object["type"], object["name"])
                // The search index misses what went in without its triggers: it is built again from the column.
                let thenRun = type == "trigger" ? Self.searchRebuild : nil
                try db.execute(
                    sql: "INSERT INTO set_aside (name, sql, then_run) VALUES (?, ?, ?)",
                    arguments: [name, object["sql"] as String, thenRun]
                )
                try db.execute(sql: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \(name.quotedDatabaseIdentifier)")
            }
            return !objects.isEmpty
        }
    }

    /// Runs `body`, which brings `incoming` records, as a bulk load when that is at least
    /// `threshold` (not 0) and more than the store holds (`body` is told whether it is); what was set
    /// aside is made again after `body`, whether it returns or throws. The load holds the
    /// bulk-load ``FileLock`` throughout; when another load holds it, `body` runs as a plain load.
    ///
    /// ```swift
    /// try await store.loadingInBulk(100_000) { bulk in
    ///     for batch in batches { _ = try await store.merge(batch) }
    /// }
    /// ```
    public func loadingInBulk<T>(
        _ incoming: Int,
        threshold: Int = bulkLoadThreshold,
        _ body: (_ bulk: Bool) async throws -> T
    ) async throws -> T {
        try await restoreLeftAside()
        guard Self.isBulk(incoming, threshold: threshold), let lock = try FileLock.take(bulkLoadLockFile) else {
            return try await body(false)
        }
        defer { withExtendedLifetime(lock) {} }
        let bulk = try await setIndexesAside(forLoadOf: incoming, threshold: threshold)
        let result: T
        do {
            result = try await body(bulk)
        } catch {
            // A failure here leaves them for the next load (``restoreLeftAside()``) or open.
            if bulk { try? await restoreIndexes() }
            throw error
        }
        if bulk { try await restoreIndexes() }
        return result
    }

    /// Makes again what a load left aside when no process is loading now: one cut short in
    /// another process (a `liaison sync` killed while a node serves the same store), or one whose
    /// own making failed (the store busy with another process's long write). Until then the list
    /// reads the table and search finds nothing; a serving node never opens its store again,
    /// so each load (every sync round) looks first. Costs one read when nothing is aside; a
    /// making that fails (the store still busy) is left to the next load, not failing this one.
    func restoreLeftAside() async throws {
        guard try await indexesAreAside(), let lock = try FileLock.take(bulkLoadLockFile) else { return }
        defer { withExtendedLifetime(lock) {} }
        try? await restoreIndexes()
    }

    /// Makes again everything a bulk load set aside, and builds the indexes. Does nothing when
    /// nothing is aside.
    func restoreIndexes() async throws {
        try await write { db in try db.restoreSetAside() }
    }

    /// Whether a bulk load has the indexes aside (the list reads the table meanwhile).
    public func indexesAreAside() async throws -> Bool {
        try await database.read { db in try db.setAsidePending() }
    }
}

extension Database {
    /// Whether the schema holds an index or trigger named `name` (a bulk load sets some aside).
    func schemaHas(_ name: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = ?)", arguments: [name])!
    }

    /// Whether something was set aside and not made again (a bulk load under way or cut short).
    func setAsidePending() throws -> Bool {
        try tableExists("set_aside") && Bool.fetchOne(self, sql: "SELECT EXISTS(SELECT 1 FROM set_aside)")!
    }

    /// Makes again everything set aside that is missing, runs what each asks for once it is back,
    /// and forgets them. Must run inside a write transaction.
    func restoreSetAside() throws {
        guard try setAsidePending() else { return }
        try sortingWithFiles {
            for object in try Row.fetchAll(self, sql: "SELECT name, sql FROM set_aside") where try !schemaHas(object["name"]) {
                try execute(sql: object["sql"])
            }
            for statement in try String.fetchAll(self, sql: "SELECT DISTINCT then_run FROM set_aside WHERE then_run IS NOT NULL") {
                try execute(sql: statement)
            }
        }
        try execute(sql: "DELETE FROM set_aside")
    }

    /// Runs `body` with SQLite's temporary storage in files, then puts back what the connection
    /// had: an index built over the whole store sorts in bounded memory, spilling to a file,
    /// where in memory it would hold every entry at once.
    func sortingWithFiles(_ body: () throws -> Void) throws {
        let previous = try Int.fetchOne(self, sql: "PRAGMA temp_store")!
        try execute(sql: "PRAGMA temp_store = FILE")
        defer { try? execute(sql: "PRAGMA temp_store = \(previous)") }
        try body()
    }
}
