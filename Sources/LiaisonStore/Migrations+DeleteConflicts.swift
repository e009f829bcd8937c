import GRDB

extension Migrations {
    /// A record whose delete is in conflict with an edit stays listed (docs/design.md §4).
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerDeleteConflicts(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("lists: a delete in conflict with an edit leaves the record listed") { db in
            // `deleted` followed the latest write of the field, so a delete made after a
            // concurrent edit hid the edited record from lists and searches. It is now 1 only
            // when every value of the field is true: a row marked deleted that holds a write of
            // `deleted = false` is in conflict, and is live. The triggers on `deleted` move its
            // counts and report facts.
            try db.execute(
                sql: """
                    UPDATE record SET deleted = 0
                    WHERE deleted = 1 AND conflicted = 1 AND EXISTS (
                        SELECT 1 FROM json_each(record.state, '$.writes') AS w
                        WHERE json_type(w.value, '$.fields.deleted') = 'false'
                    );
                    """
            )
        }
    }
}
