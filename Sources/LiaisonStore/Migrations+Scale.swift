import GRDB

extension Migrations {
    /// A store of many records (issue 14, first pass): list indexes, search, kept counts, and the
    /// write log (history).
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerScale(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scale: indexes that serve each order of the record list") { db in
            // Live or deleted records in each order, and conflicted ones in each order, walked by
            // keyset (RecordListSQL); they replace the single-column indexes. The status and office
            // ones carry the tracks, so that counting a status or office with a track reads the
            // index alone.
            try db.execute(
                sql: """
                    CREATE INDEX record_list_updated ON record(deleted, updated_at, id);
                    CREATE INDEX record_list_title ON record(deleted, title COLLATE NOCASE, id);
                    CREATE INDEX record_list_value ON record(deleted, value_usd, id);
                    CREATE INDEX record_list_status ON record(deleted, status, id, tracks);
                    CREATE INDEX record_list_office ON record(deleted, office, id, tracks);
                    CREATE INDEX record_conflicted_updated ON record(updated_at, id) WHERE conflicted = 1;
                    CREATE INDEX record_conflicted_title ON record(title COLLATE NOCASE, id) WHERE conflicted = 1;
                    CREATE INDEX record_conflicted_value ON record(value_usd, id) WHERE conflicted = 1;
                    CREATE INDEX record_conflicted_status ON record(status, id) WHERE conflicted = 1;
                    CREATE INDEX record_conflicted_office ON record(office, id) WHERE conflicted = 1;
                    DROP INDEX record_office;
                    DROP INDEX record_status;
                    DROP INDEX record_conflicted;
                    """
            )
        }
        migrator.registerMigration("scale: full-text search over every displayed text") { db in
            // One row per record, at its sequence number: every text of its display values (track
            // fields and list items included; dates left out), kept in step by triggers on every
            // write path.
            let text = { (display: String) in
                "(SELECT group_concat(value, ' ') FROM json_tree(\(display)) WHERE type = 'text' "
                    + "AND value NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"
            }
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE record_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
                    INSERT INTO record_fts (rowid, text) SELECT seq, \(text("record.display")) FROM record;
                    CREATE TRIGGER record_fts_insert AFTER INSERT ON record BEGIN
                        INSERT INTO record_fts (rowid, text) VALUES (NEW.seq, \(text("NEW.display")));
                    END;
                    CREATE TRIGGER record_fts_update AFTER UPDATE OF seq, display ON record BEGIN
                        DELETE FROM record_fts WHERE rowid = OLD.seq;
                        INSERT INTO record_fts (rowid, text) VALUES (NEW.seq, \(text("NEW.display")));
                    END;
                    CREATE TRIGGER record_fts_delete AFTER DELETE ON record BEGIN
                        DELETE FROM record_fts WHERE rowid = OLD.seq;
                    END;
                    """
            )
        }
        migrator.registerMigration("scale: record counts kept by triggers") { db in
            // Counts by key, in the same transaction as every write: `records:<deleted>`,
            // `office:<deleted>:<office>`, `status:<deleted>:<status>`, `tracks:<deleted>:<tracks>`
            // and `conflicted` (deleted or not).
            try db.execute(
                sql: """
                    CREATE TABLE record_count (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO record_count (key, n)
                        SELECT 'records:' || deleted, count(*) FROM record GROUP BY deleted
                        UNION ALL SELECT 'office:' || deleted || ':' || ifnull(office, ''), count(*) FROM record GROUP BY 1
                        UNION ALL SELECT 'status:' || deleted || ':' || ifnull(status, ''), count(*) FROM record GROUP BY 1
                        UNION ALL SELECT 'tracks:' || deleted || ':' || tracks, count(*) FROM record GROUP BY 1
                        UNION ALL SELECT 'conflicted', count(*) FROM record WHERE conflicted = 1;
                    CREATE TRIGGER record_count_insert AFTER INSERT ON record BEGIN
                        INSERT INTO record_count (key, n) VALUES
                            ('records:' || NEW.deleted, 1),
                            ('office:' || NEW.deleted || ':' || ifnull(NEW.office, ''), 1),
                            ('status:' || NEW.deleted || ':' || ifnull(NEW.status, ''), 1),
                            ('tracks:' || NEW.deleted || ':' || NEW.tracks, 1),
                            ('conflicted', NEW.conflicted)
                        ON CONFLICT (key) DO UPDATE SET n = n + excluded.n;
                    END;
                    CREATE TRIGGER record_count_delete AFTER DELETE ON record BEGIN
                        INSERT INTO record_count (key, n) VALUES
                            ('records:' || OLD.deleted, -1),
                            ('office:' || OLD.deleted || ':' || ifnull(OLD.office, ''), -1),
                            ('status:' || OLD.deleted || ':' || ifnull(OLD.status, ''), -1),
                            ('tracks:' || OLD.deleted || ':' || OLD.tracks, -1),
                            ('conflicted', -OLD.conflicted)
                        ON CONFLICT (key) DO UPDATE SET n = n + excluded.n;
                    END;
                    CREATE TRIGGER record_count_update AFTER UPDATE OF deleted, office, status, tracks, conflicted ON record
                    WHEN OLD.deleted IS NOT NEW.deleted OR OLD.office IS NOT NEW.office OR OLD.status IS NOT NEW.status
                        OR OLD.tracks IS NOT NEW.tracks OR OLD.conflicted IS NOT NEW.conflicted
                    BEGIN
                        INSERT INTO record_count (key, n) VALUES
                            ('records:' || OLD.deleted, -1),
                            ('office:' || OLD.deleted || ':' || ifnull(OLD.office, ''), -1),
                            ('status:' || OLD.deleted || ':' || ifnull(OLD.status, ''), -1),
                            ('tracks:' || OLD.deleted || ':' || OLD.tracks, -1),
                            ('conflicted', -OLD.conflicted),
                            ('records:' || NEW.deleted, 1),
                            ('office:' || NEW.deleted || ':' || ifnull(NEW.office, ''), 1),
                            ('status:' || NEW.deleted || ':' || ifnull(NEW.status, ''), 1),
                            ('tracks:' || NEW.deleted || ':' || NEW.tracks, 1),
                            ('conflicted', NEW.conflicted)
                        ON CONFLICT (key) DO UPDATE SET n = n + excluded.n;
                    END;
                    """
            )
        }
        migrator.registerMigration("history: write log") { db in
            // Every write event, keyed by (record, dot), with the local sequence at which it entered
            // this node's log; per peer and direction, the sequence after which the peer may lack
            // events (where the last complete pass of sync started). Stores older than the log get events made from their live entries
            // when they open (`Database.reconstructEvents()`), with the app's current code.
            try db.execute(
                sql: """
                    CREATE TABLE event (
                        record_id TEXT NOT NULL,
                        replica TEXT NOT NULL,
                        counter INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        event TEXT NOT NULL,
                        PRIMARY KEY (record_id, replica, counter)
                    ) WITHOUT ROWID;
                    CREATE INDEX event_record_seq ON event(record_id, seq);
                    CREATE TABLE event_checkpoint (
                        peer_replica TEXT NOT NULL,
                        direction TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
                        sequence INTEGER NOT NULL,
                        PRIMARY KEY (peer_replica, direction)
                    );
                    """
            )
        }
        migrator.registerMigration("scale: list indexes that answer filters and search without reading records") { db in
            // Each list index carries the sequence (the search index's row id), so a search walked
            // in list order is checked against the matches from the index alone; the newest-first
            // index also carries status, office and tracks, so that the default list, filtered,
            // reads only the rows it shows.
            try db.execute(
                sql: """
                    DROP INDEX record_list_updated;
                    DROP INDEX record_list_title;
                    DROP INDEX record_list_value;
                    DROP INDEX record_list_status;
                    DROP INDEX record_list_office;
                    CREATE INDEX record_list_updated ON record(deleted, updated_at, id, seq, status, office, tracks);
                    CREATE INDEX record_list_title ON record(deleted, title COLLATE NOCASE, id, seq);
                    CREATE INDEX record_list_value ON record(deleted, value_usd, id, seq);
                    CREATE INDEX record_list_status ON record(deleted, status, id, tracks, seq);
                    CREATE INDEX record_list_office ON record(deleted, office, id, tracks, seq);
                    """
            )
        }
    }
}
