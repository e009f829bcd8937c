import GRDB

/// The store's schema, changed only through named migrations.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: node, records, checkpoints") { db in
            try db.execute(
                sql: """
                    CREATE TABLE node (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        replica_id TEXT NOT NULL,
                        office TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        sequence INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE record (
                        id TEXT PRIMARY KEY,
                        seq INTEGER NOT NULL UNIQUE,
                        state TEXT NOT NULL,
                        type TEXT,
                        title TEXT,
                        office TEXT,
                        status TEXT,
                        tracks TEXT NOT NULL,
                        value_usd REAL,
                        updated_at INTEGER NOT NULL,
                        deleted INTEGER NOT NULL,
                        conflicted INTEGER NOT NULL,
                        search TEXT NOT NULL,
                        source TEXT
                    );
                    CREATE INDEX record_office ON record(office);
                    CREATE INDEX record_status ON record(status);
                    CREATE INDEX record_conflicted ON record(conflicted) WHERE conflicted = 1;
                    CREATE TABLE checkpoint (
                        peer_replica TEXT NOT NULL,
                        direction TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
                        sequence INTEGER NOT NULL,
                        PRIMARY KEY (peer_replica, direction)
                    );
                    """
            )
        }
        migrator.registerMigration("v1: peers and tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE peer (
                        name TEXT PRIMARY KEY,
                        url TEXT NOT NULL,
                        token_file TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE peer_status (
                        name TEXT PRIMARY KEY,
                        replica_id TEXT,
                        last_success INTEGER,
                        last_error TEXT,
                        last_error_at INTEGER,
                        behind INTEGER
                    );
                    CREATE TABLE token (
                        name TEXT PRIMARY KEY,
                        role TEXT NOT NULL,
                        hash TEXT NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2: display values beside each state") { db in
            // Reports read what every node shows from this column instead of decoding states.
            // The column is a cache of the app's display values: the store fills the rows this
            // leaves at '{}' when it opens (`Database.fillDisplayValues()`), with its current code.
            try db.execute(sql: "ALTER TABLE record ADD COLUMN display TEXT NOT NULL DEFAULT '{}'")
        }
        migrator.registerMigration("v3: peers from the config file") { db in
            // Peers a config file listed are removed when a later config file no longer does.
            try db.execute(sql: "ALTER TABLE peer ADD COLUMN from_config INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("accounts: staff accounts, sessions, tokens for accounts") { db in
            // Passwords only as Argon2id hash strings; sessions only as the SHA-256 of their id.
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        name TEXT PRIMARY KEY,
                        display_name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
                        password_hash TEXT NOT NULL,
                        disabled INTEGER NOT NULL DEFAULT 0,
                        must_change_password INTEGER NOT NULL DEFAULT 0,
                        created_at INTEGER NOT NULL,
                        last_sign_in INTEGER
                    );
                    CREATE TABLE session (
                        id_hash TEXT PRIMARY KEY,
                        account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                        created_at INTEGER NOT NULL,
                        last_seen INTEGER NOT NULL
                    );
                    CREATE INDEX session_account ON session(account);
                    ALTER TABLE token ADD COLUMN account TEXT;
                    """
            )
        }
        migrator.registerMigration("data: imported files") { db in
            // A spreadsheet imported once is refused the second time, by the SHA-256 of its bytes.
            try db.execute(
                sql: """
                    CREATE TABLE imported_file (
                        hash TEXT PRIMARY KEY,
                        file_name TEXT NOT NULL,
                        author TEXT NOT NULL,
                        imported_at INTEGER NOT NULL,
                        created INTEGER NOT NULL,
                        updated INTEGER NOT NULL
                    )
                    """
            )
        }
        migrator.registerMigration("intake: quarantine") { db in
            // States the intake refused: kept apart with where they came from, never merged.
            try db.execute(
                sql: """
                    CREATE TABLE quarantine (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source TEXT NOT NULL,
                        record_id TEXT NOT NULL,
                        problem TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        size INTEGER NOT NULL,
                        first_at INTEGER NOT NULL,
                        last_at INTEGER NOT NULL,
                        times INTEGER NOT NULL DEFAULT 1,
                        UNIQUE (source, record_id, problem, bytes)
                    );
                    """
            )
        }
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
        migrator.registerMigration("reports: facts kept beside each live record") { db in
            // One compact row per live record, at its sequence number, holding what reports read:
            // the record's columns, its day (`opened_on`, else the UTC day of its last write) and
            // the display values of the fields the bundled reports read, pulled from `display`
            // once per write by triggers, in the same transaction. Reports stream these rows and
            // never decode a state or a record's display JSON (docs/design.md §13).
            let fields = [
                "value_basis", "us_party_size", "underserved_owned", "in_party", "naics",
                "critical_minerals.mineral", "critical_minerals.stage", "energy_industry.scep_pillar",
                "innovation_handshake.event", "innovation_handshake.startup_stage",
                "innovation_handshake.technology_area", "ipef.pillar", "sccp.activity", "sccp.attendance",
                "sccp.barrier_status", "semiconductors.segment", "strategic_trade.domain", "strategic_trade.item",
                "trade_mission.mission", "trade_mission.participant_role",
            ]
            let columns =
                "seq, id, office, status, value_usd, tracks, updated_at, conflicted, day, title, type, "
                + fields.map { "\"\($0)\"" }.joined(separator: ", ")
            // The values of `record` row `r`, aggregated over the rows `j` of `json_each(r.display)`.
            let values = { (r: String) in
                """
                \(r).seq, \(r).id, \(r).office, \(r).status, \(r).value_usd, \(r).tracks, \(r).updated_at, \(r).conflicted,
                coalesce(max(CASE WHEN j.key = 'opened_on' AND j.type = 'text' THEN j.value END),
                         strftime('%Y-%m-%d', (\(r).updated_at / 86400000 - (\(r).updated_at % 86400000 < 0)) * 86400,
                                  'unixepoch')),
                \(r).title, \(r).type,
                """ + fields.map { "max(CASE WHEN j.key = '\($0)' THEN j.value END)" }.joined(separator: ", ")
            }
            try db.execute(
                sql: """
                    CREATE TABLE report_fact (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL,
                        office TEXT,
                        status TEXT,
                        value_usd REAL,
                        tracks TEXT NOT NULL,
                        updated_at INTEGER NOT NULL,
                        conflicted INTEGER NOT NULL,
                        day TEXT NOT NULL,
                        title TEXT,
                        type TEXT,
                        \(fields.map { "\"\($0)\"" }.joined(separator: ",\n"))
                    );
                    CREATE INDEX report_fact_conflicted ON report_fact(conflicted) WHERE conflicted = 1;
                    INSERT INTO report_fact (\(columns))
                        SELECT \(values("r")) FROM record AS r LEFT JOIN json_each(r.display) AS j
                        WHERE r.deleted = 0 GROUP BY r.seq;
                    CREATE TRIGGER report_fact_insert AFTER INSERT ON record WHEN NEW.deleted = 0 BEGIN
                        INSERT INTO report_fact (\(columns)) SELECT \(values("NEW")) FROM json_each(NEW.display) AS j;
                    END;
                    CREATE TRIGGER report_fact_update AFTER UPDATE OF id, seq, type, title, office, status, tracks, value_usd,
                        updated_at, deleted, conflicted, display ON record
                    BEGIN
                        DELETE FROM report_fact WHERE seq = OLD.seq;
                        INSERT INTO report_fact (\(columns))
                            SELECT * FROM (SELECT \(values("NEW")) FROM json_each(NEW.display) AS j) WHERE NEW.deleted = 0;
                    END;
                    CREATE TRIGGER report_fact_delete AFTER DELETE ON record BEGIN
                        DELETE FROM report_fact WHERE seq = OLD.seq;
                    END;
                    """
            )
        }
        migrator.registerMigration("reports: facts read by path, not by walking the display values") { db in
            // The same facts as "reports: facts kept beside each live record", each value read by
            // its path in `display` instead of a `json_each` pass aggregated over every member:
            // about a third of the cost a write.
            let fields = [
                "value_basis", "us_party_size", "underserved_owned", "in_party", "naics",
                "critical_minerals.mineral", "critical_minerals.stage", "energy_industry.scep_pillar",
                "innovation_handshake.event", "innovation_handshake.startup_stage",
                "innovation_handshake.technology_area", "ipef.pillar", "sccp.activity", "sccp.attendance",
                "sccp.barrier_status", "semiconductors.segment", "strategic_trade.domain", "strategic_trade.item",
                "trade_mission.mission", "trade_mission.participant_role",
            ]
            let columns =
                "seq, id, office, status, value_usd, tracks, updated_at, conflicted, day, title, type, "
                + fields.map { "\"\($0)\"" }.joined(separator: ", ")
            let values = """
                NEW.seq, NEW.id, NEW.office, NEW.status, NEW.value_usd, NEW.tracks, NEW.updated_at, NEW.conflicted,
                coalesce(CASE WHEN json_type(NEW.display, '$.opened_on') = 'text' THEN json_extract(NEW.display, '$.opened_on') END,
                         strftime('%Y-%m-%d', (NEW.updated_at / 86400000 - (NEW.updated_at % 86400000 < 0)) * 86400,
                                  'unixepoch')),
                NEW.title, NEW.type,
                """ + fields.map { "json_extract(NEW.display, '$.\"\($0)\"')" }.joined(separator: ", ")
            try db.execute(
                sql: """
                    DROP TRIGGER report_fact_insert;
                    DROP TRIGGER report_fact_update;
                    CREATE TRIGGER report_fact_insert AFTER INSERT ON record WHEN NEW.deleted = 0 BEGIN
                        INSERT INTO report_fact (\(columns)) VALUES (\(values));
                    END;
                    CREATE TRIGGER report_fact_update AFTER UPDATE OF id, seq, type, title, office, status, tracks, value_usd,
                        updated_at, deleted, conflicted, display ON record
                    BEGIN
                        DELETE FROM report_fact WHERE seq = OLD.seq;
                        INSERT INTO report_fact (\(columns)) SELECT \(values) WHERE NEW.deleted = 0;
                    END;
                    """
            )
        }
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
        return migrator
    }
}
