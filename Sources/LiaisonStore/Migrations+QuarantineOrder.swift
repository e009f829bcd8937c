import GRDB

extension Migrations {
    /// The quarantine is listed a page at a time, the most recent arrival first.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerQuarantineOrder(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake: the quarantine listed a page at a time") { db in
            // Without it each page read every entry, bytes and all (up to 16 MiB a source), to
            // sort them. The index ends with the row's id, so it holds the whole order.
            try db.execute(sql: "CREATE INDEX quarantine_last_at ON quarantine(last_at)")
        }
    }
}
