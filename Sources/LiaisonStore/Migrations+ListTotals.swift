import GRDB

extension Migrations {
    /// A list's total without reading the records: a search's counted from an index instead of
    /// each match's row, a filter's from counts kept per combination of office, status and tracks.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerListTotals(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("scale: a search counts its matches in an index") { db in
            // A search's total joins its matches in the search index to their records, up to
            // 10,001, for whether each is deleted: a row read for each. This index holds the key
            // with `deleted`, so the count reads the index alone. Named as a list index, a bulk
            // load sets it aside and builds it again with the others.
            try db.execute(sql: "CREATE INDEX record_list_search ON record(key, deleted)")
        }
        migrator.registerMigration("scale: counts kept per combination of office, status and tracks") { db in
            // `record_count` answers a total filtered by one of office, status and track; two or
            // more were counted by walking an index, up to 10,001 matches or every record with one
            // of the values. Counts per combination (a few thousand rows) answer any of them by a
            // sum, in the same transaction as every write. `''` stands for a missing office or
            // status, as in `record_count`.
            try db.execute(
                sql: """
                    CREATE TABLE record_combination_count (
                        deleted INTEGER NOT NULL,
                        office TEXT NOT NULL,
                        status TEXT NOT NULL,
                        tracks TEXT NOT NULL,
                        n INTEGER NOT NULL,
                        PRIMARY KEY (deleted, office, status, tracks)
                    ) WITHOUT ROWID;
                    INSERT INTO record_combination_count (deleted, office, status, tracks, n)
                        SELECT deleted, ifnull(office, ''), ifnull(status, ''), tracks, count(*) FROM record GROUP BY 1, 2, 3, 4;
                    CREATE TRIGGER record_combination_count_insert AFTER INSERT ON record BEGIN
                        INSERT INTO record_combination_count (deleted, office, status, tracks, n)
                            VALUES (NEW.deleted, ifnull(NEW.office, ''), ifnull(NEW.status, ''), NEW.tracks, 1)
                        ON CONFLICT DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER record_combination_count_delete AFTER DELETE ON record BEGIN
                        UPDATE record_combination_count SET n = n - 1
                        WHERE deleted = OLD.deleted AND office = ifnull(OLD.office, '') AND status = ifnull(OLD.status, '')
                            AND tracks = OLD.tracks;
                    END;
                    CREATE TRIGGER record_combination_count_update AFTER UPDATE OF deleted, office, status, tracks ON record
                    WHEN OLD.deleted IS NOT NEW.deleted OR OLD.office IS NOT NEW.office OR OLD.status IS NOT NEW.status
                        OR OLD.tracks IS NOT NEW.tracks
                    BEGIN
                        UPDATE record_combination_count SET n = n - 1
                        WHERE deleted = OLD.deleted AND office = ifnull(OLD.office, '') AND status = ifnull(OLD.status, '')
                            AND tracks = OLD.tracks;
                        INSERT INTO record_combination_count (deleted, office, status, tracks, n)
                            VALUES (NEW.deleted, ifnull(NEW.office, ''), ifnull(NEW.status, ''), NEW.tracks, 1)
                        ON CONFLICT DO UPDATE SET n = n + 1;
                    END;
                    """
            )
        }
    }
}
