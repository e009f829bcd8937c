import GRDB

/// A bulk load: when a pull brings more records than the node holds (a new office's first sync,
/// a node restored from far behind), the indexes of the record list are set aside while the
/// records go in and built once at the end, by sorting, instead of taking each record at a
/// random place in five trees (docs/design.md §13). The records, their log, search index, kept
/// counts, report facts and checkpoints go in as always, each batch in one transaction; only
/// the list's order indexes wait. The list still answers meanwhile, by reading the table.
///
/// What was set aside is written down (`set_aside_index`, with each index's own SQL) in the
/// transaction that drops it, so the indexes come back whatever happens: at the end of the
/// load, or, after a crash or a stop, when the store next opens.
extension LiaisonStore {
    /// Loads of fewer records than this keep the indexes: building them again costs more.
    public static let bulkLoadThreshold = 10_000

    /// Sets the list indexes aside for a load of `incoming` records when that is at least
    /// `threshold` and more than the records the store holds (live and deleted). Returns
    /// whether it did; the caller then ends the load with ``restoreListIndexes()``.
    public func setListIndexesAside(forLoadOf incoming: Int, threshold: Int = bulkLoadThreshold) async throws -> Bool {
        guard incoming >= threshold else { return false }
        return try await database.write { db in
            let held =
                try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM record_count WHERE key LIKE 'records:%'") ?? 0
            guard incoming > held else { return false }
            let indexes = try Row.fetchAll(
                db,
                sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'record' AND name LIKE 'record\\_list\\_%' ESCAPE '\\'"
            )
            for index in indexes {
                let name: String = index["name"]
                try db.execute(
                    sql: "INSERT OR REPLACE INTO set_aside_index (name, sql) VALUES (?, ?)",
                    arguments: [name, index["sql"] as String]
                )
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            }
            return !indexes.isEmpty
        }
    }

    /// Builds again every list index set aside (after a bulk load). Does nothing when none is.
    public func restoreListIndexes() async throws {
        try await database.write { db in try db.restoreSetAsideIndexes() }
    }

    /// Whether a bulk load has the list indexes aside (the list reads the table meanwhile).
    public func listIndexesAreAside() async throws -> Bool {
        try await database.read { db in try db.setAsideIndexesPending() }
    }
}

extension Database {
    /// Whether `index` exists (a list index may be set aside during a bulk load).
    func indexExists(_ index: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [index])!
    }

    /// Whether some list index was set aside and not built again (a bulk load cut short).
    func setAsideIndexesPending() throws -> Bool {
        try tableExists("set_aside_index") && Bool.fetchOne(self, sql: "SELECT EXISTS(SELECT 1 FROM set_aside_index)")!
    }

    /// Builds every index set aside that is missing, and forgets them. Must run inside a write
    /// transaction.
    func restoreSetAsideIndexes() throws {
        guard try setAsideIndexesPending() else { return }
        for index in try Row.fetchAll(self, sql: "SELECT name, sql FROM set_aside_index") {
            if try !indexExists(index["name"]) { try execute(sql: index["sql"]) }
        }
        try execute(sql: "DELETE FROM set_aside_index")
    }
}
