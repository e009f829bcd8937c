import GRDB

extension Migrations {
    /// The cost of changing a record already held (issue 14, third pass).
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerWriteCost(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scale: records keep a key of their own") { db in
            // A record took a new sequence at every change, and the sequence was what the list
            // indexes carried and what the search index knew the record by: every change moved
            // the record in all five list indexes and in the search index, whatever changed.
            // Each record now keeps a key for its life (the sequence it was first stored at),
            // carried by the list indexes and naming it in the search index, so that a change
            // writes only the indexes of the columns it changes (RecordRow.swift).
            //
            // The search index is told of a changed text at the end of the transaction, all the
            // changed records in key order (StaleSearch.swift): FTS5 writes a new segment whenever
            // a row id comes that is not above the one before, so record by record, in the order
            // they changed, would make a segment each.
            //
            // Whatever a bulk load left aside is made here anew.
            try db.execute(
                sql: """
                    ALTER TABLE record ADD COLUMN key INTEGER;
                    UPDATE record SET key = seq;
                    CREATE UNIQUE INDEX record_key ON record(key);
                    DROP INDEX IF EXISTS record_list_updated;
                    DROP INDEX IF EXISTS record_list_title;
                    DROP INDEX IF EXISTS record_list_value;
                    DROP INDEX IF EXISTS record_list_status;
                    DROP INDEX IF EXISTS record_list_office;
                    CREATE INDEX record_list_updated ON record(deleted, updated_at, id, key, status, office, tracks);
                    CREATE INDEX record_list_title ON record(deleted, title COLLATE NOCASE, id, key);
                    CREATE INDEX record_list_value ON record(deleted, value_usd, id, key);
                    CREATE INDEX record_list_status ON record(deleted, status, id, tracks, key);
                    CREATE INDEX record_list_office ON record(deleted, office, id, tracks, key);
                    DROP TRIGGER IF EXISTS record_fts_insert;
                    DROP TRIGGER IF EXISTS record_fts_update;
                    DROP TRIGGER IF EXISTS record_fts_delete;
                    DROP TABLE record_fts;
                    CREATE VIRTUAL TABLE record_fts USING fts5(
                        search, content = 'record', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2'
                    );
                    INSERT INTO record_fts (record_fts) VALUES ('rebuild');
                    CREATE TABLE search_stale (key INTEGER PRIMARY KEY, search TEXT NOT NULL);
                    CREATE TRIGGER record_fts_insert AFTER INSERT ON record BEGIN
                        INSERT INTO record_fts (rowid, search) VALUES (NEW.key, NEW.search);
                    END;
                    CREATE TRIGGER record_fts_update AFTER UPDATE OF search ON record
                    WHEN OLD.search IS NOT NEW.search BEGIN
                        INSERT OR IGNORE INTO search_stale (key, search) VALUES (OLD.key, OLD.search);
                    END;
                    CREATE TRIGGER record_fts_delete AFTER DELETE ON record BEGIN
                        INSERT OR IGNORE INTO search_stale (key, search) VALUES (OLD.key, OLD.search);
                    END;
                    DELETE FROM set_aside;
                    """
            )
        }
    }
}
