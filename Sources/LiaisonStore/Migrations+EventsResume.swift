import GRDB

extension Migrations {
    /// Where sync stopped inside a record's events, kept with each checkpoint.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerEventsResume(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("sync: where a record's events stopped, kept with its checkpoint") { db in
            // The cursor (`EventCursor.text`) of the last run of a record's events that merged
            // (pull) or was acknowledged (push) while the checkpoint stays before the record;
            // NULL when the checkpoint is not inside a record's events. A round cut short goes on
            // from it instead of sending the record's events again from the first.
            try db.execute(sql: "ALTER TABLE checkpoint ADD COLUMN events_after TEXT")
        }
    }
}
