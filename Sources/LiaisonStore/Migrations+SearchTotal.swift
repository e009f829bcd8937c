import GRDB

extension Migrations {
    /// A search's total counted from an index instead of each match's row.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerSearchTotal(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scale: a search counts its matches in an index") { db in
            // A search's total joins its matches in the search index to their records, up to
            // 10,001, for whether each is deleted: a row read for each. This index holds the key
            // with `deleted`, so the count reads the index alone. Named as a list index, a bulk
            // load sets it aside and builds it again with the others.
            try db.execute(sql: "CREATE INDEX record_list_search ON record(key, deleted)")
        }
    }
}
