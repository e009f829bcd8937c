import GRDB

extension Migrations {
    /// Short search words read prefix indexes.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerSearchPrefixes(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("search: words of one to three letters read prefix indexes") { db in
            // Each search word is matched as a prefix, and FTS5 answered a short one by merging
            // the lists of every indexed word it starts: at a million records `"a"*` took 160 ms
            // in FTS5 alone (0.5–1.2 s a search) and `"mum"* "chennai"` 17 ms of a 60 ms p99.
            // With an index of each word's first one, two and three letters those are one list
            // each: 28 ms and 9 ms. The index grows 3.6 times (90 to 322 MB at a million records),
            // a write indexes about twice the entries, and building it takes three times as long.
            //
            // The table is made again and filled from the records' `search` column. A bulk load
            // that has the search triggers aside fills it again when it ends, as before.
            try db.execute(
                sql: """
                    DROP TABLE record_fts;
                    CREATE VIRTUAL TABLE record_fts USING fts5(
                        search, content = 'record', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2',
                        prefix = '1 2 3'
                    );
                    INSERT INTO record_fts (record_fts) VALUES ('rebuild');
                    """
            )
        }
    }
}
