import GRDB

extension Migrations {
    /// The merge transaction (issue 14, second pass): an appended write log, search text in the
    /// row, and what a bulk load sets aside.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerMergeCost(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scale: the write log appends in sequence order") { db in
            // The log becomes a table with row ids, its rows copied in the order they entered, so
            // that a batch's events land on the last pages instead of at their record's place in
            // a tree keyed by record id; a small unique index on the dot finds an event. The
            // (record, sequence) index goes: a record's few events are read through the dot index.
            try db.execute(
                sql: """
                    ALTER TABLE event RENAME TO event_by_record;
                    CREATE TABLE event (
                        seq INTEGER NOT NULL,
                        record_id TEXT NOT NULL,
                        replica TEXT NOT NULL,
                        counter INTEGER NOT NULL,
                        event TEXT NOT NULL
                    );
                    INSERT INTO event (seq, record_id, replica, counter, event)
                        SELECT seq, record_id, replica, counter, event FROM event_by_record ORDER BY seq, record_id, replica, counter;
                    DROP TABLE event_by_record;
                    CREATE UNIQUE INDEX event_dot ON event(record_id, replica, counter);
                    """
            )
        }
        migrator.registerMigration("scale: search reads a text kept in each record's row") { db in
            // The search index indexes the record's `search` column (external content) instead
            // of keeping its own copy of a text the triggers made from `display` with json_tree:
            // the store works the text out once per write (SearchText.swift), and a bulk load
            // can build the index again from the column.
            let text = """
                (SELECT group_concat(value, ' ') FROM json_tree(record.display) WHERE type = 'text'
                 AND value NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
                """
            try db.execute(
                sql: """
                    DROP TRIGGER record_fts_insert;
                    DROP TRIGGER record_fts_update;
                    DROP TRIGGER record_fts_delete;
                    DROP TABLE record_fts;
                    UPDATE record SET search = coalesce(\(text), '');
                    CREATE VIRTUAL TABLE record_fts USING fts5(
                        search, content = 'record', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
                    );
                    INSERT INTO record_fts (record_fts) VALUES ('rebuild');
                    CREATE TRIGGER record_fts_insert AFTER INSERT ON record BEGIN
                        INSERT INTO record_fts (rowid, search) VALUES (NEW.seq, NEW.search);
                    END;
                    CREATE TRIGGER record_fts_update AFTER UPDATE OF seq, search ON record BEGIN
                        INSERT INTO record_fts (record_fts, rowid, search) VALUES ('delete', OLD.seq, OLD.search);
                        INSERT INTO record_fts (rowid, search) VALUES (NEW.seq, NEW.search);
                    END;
                    CREATE TRIGGER record_fts_delete AFTER DELETE ON record BEGIN
                        INSERT INTO record_fts (record_fts, rowid, search) VALUES ('delete', OLD.seq, OLD.search);
                    END;
                    """
            )
        }
        migrator.registerMigration("scale: indexes set aside during a bulk load") { db in
            // What a bulk load dropped (the list indexes, the search index's triggers), each with
            // the SQL that makes it again and what to run once it is back (LiaisonStore+BulkLoad.swift);
            // empty but during a load.
            try db.execute(sql: "CREATE TABLE set_aside (name TEXT PRIMARY KEY, sql TEXT NOT NULL, then_run TEXT)")
        }
    }
}
