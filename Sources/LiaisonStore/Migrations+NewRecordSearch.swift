import GRDB

extension Migrations {
    /// A new record's words go into the search index with the transaction's other changes.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerNewRecordSearch(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("search: a new record's words indexed at the end of its transaction") { db in
            // A new record went into the search index from its insert trigger. A local write runs
            // in a savepoint of its own (group commit), and FTS5 writes what it holds to a new
            // segment at every savepoint, so each created record made (and later merged) a
            // segment of its own, on the writer thread every write waits for. The trigger now notes
            // the record in `search_stale` with no old text (NULL: nothing to take out), and the
            // end of the transaction indexes it with the others, in key order (StaleSearch.swift).
            //
            // `search_stale` is empty between transactions; whatever it holds is indexed first,
            // as the refresh before did, so that it can be made again with `search` nullable.
            try db.execute(
                sql: """
                    INSERT INTO record_fts (record_fts, rowid, search) SELECT 'delete', key, search FROM search_stale ORDER BY key;
                    INSERT INTO record_fts (rowid, search)
                        SELECT record.key, record.search FROM search_stale JOIN record ON record.key = search_stale.key
                        ORDER BY search_stale.key;
                    DROP TABLE search_stale;
                    CREATE TABLE search_stale (key INTEGER PRIMARY KEY, search TEXT);
                    DROP TRIGGER IF EXISTS record_fts_insert;
                    CREATE TRIGGER record_fts_insert AFTER INSERT ON record BEGIN
                        INSERT OR IGNORE INTO search_stale (key, search) VALUES (NEW.key, NULL);
                    END;
                    """
            )
        }
    }
}
