import GRDB

extension Migrations {
    /// The first releases: nodes, records and checkpoints, peers and tokens, display values, staff
    /// accounts, imported files and the quarantine.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerRecords(in migrator: inout DatabaseMigrator) {
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
    }
}
