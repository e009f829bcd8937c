import GRDB

extension Migrations {
    /// The search index writes what it gathers in larger runs.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerSearchFlush(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("search: the index writes what it gathers every 16 MiB, not every 1 MiB") { db in
            // FTS5 gathers a transaction's entries in memory and writes them out as a new segment
            // of the index each time they pass its hash size, 1 MiB unless told otherwise (the
            // `hashsize` setting, kept in `record_fts_config`). Building the index over every
            // record at the end of a bulk load (a first sync) wrote hundreds of small segments and
            // then merged them: at 100,000 records, 3.7-3.8 s in `sqlite3`, 1.9-2.3 s with 16 MiB
            // (2.1 s with 32 MiB), for about 20 MiB more memory while it builds. A page of pulled
            // changes, each record's old words out and new ones in (four entries a word with the
            // prefix indexes), passed 1 MiB too. Ordinary writes hold far less and are unchanged.
            try db.execute(sql: "INSERT INTO record_fts (record_fts, rank) VALUES ('hashsize', 16777216)")
        }
    }
}
