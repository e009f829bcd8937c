import GRDB

extension Migrations {
    /// How many refused states the quarantine did not keep, kept for `GET /v1/status`.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerQuarantineNotKept(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake: states the quarantine did not keep, counted") { db in
            // One row at most, made by the first state not kept (none: 0), counted in the
            // transaction that refused it, removed when the quarantine is emptied. States turned
            // away before this migration were not counted anywhere: none can be recovered.
            try db.execute(
                sql: """
                    CREATE TABLE quarantine_not_kept (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        states INTEGER NOT NULL
                    );
                    """
            )
        }
    }
}
