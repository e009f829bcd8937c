import GRDB

extension Migrations {
    /// A search's total counted with its filters from one index.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerSearchFilters(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scale: a search counts its filtered matches in an index") { db in
            // A search's total found each match by its key in `record_list_search` (key, deleted)
            // and read the match's row for an office, status or track filter: 8,222 rows for
            // `q=mum&office=chennai` at a million records, 40 ms. With the filters' columns the
            // count reads the index alone. A bulk load cut short by a process still loading has the
            // index aside: it is made again, as this, when the load ends.
            let index = "CREATE INDEX record_list_search ON record(key, deleted, office, status, tracks)"
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = 'record_list_search')")! {
                try db.execute(sql: "DROP INDEX record_list_search; \(index)")
            } else {
                try db.execute(sql: "UPDATE set_aside SET sql = ? WHERE name = 'record_list_search'", arguments: [index])
            }
        }
    }
}
