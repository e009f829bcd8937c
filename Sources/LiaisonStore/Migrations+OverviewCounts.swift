import GRDB

extension Migrations {
    /// The overview report from counts kept as records change, not from every record.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerOverviewCounts(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("reports: the overview's counts kept as records change") { db in
            // The overview tallies every live record by office, status, tracks, conflict and value
            // basis: at 1,000,000 records, reading and folding each report fact took a second of
            // a request. Kept per combination (a few thousand rows) by triggers on `report_fact`,
            // in the same transaction as every write, the overview reads those rows instead.
            // Values are summed in whole cents, so that adding and taking away never drifts.
            // `''` stands for a missing office, status or value basis; report facts are only
            // ever inserted and deleted (a record's change replaces its row).
            let combination = { (row: String) in
                """
                ifnull(\(row).office, ''), ifnull(\(row).status, ''), \(row).tracks, \(row).conflicted,
                CASE WHEN typeof(\(row).value_basis) = 'text' THEN \(row).value_basis ELSE '' END
                """
            }
            let cents = { (row: String) in "CAST(round(ifnull(\(row).value_usd, 0) * 100) AS INTEGER)" }
            try db.execute(
                sql: """
                    CREATE TABLE report_overview_count (
                        office TEXT NOT NULL,
                        status TEXT NOT NULL,
                        tracks TEXT NOT NULL,
                        conflicted INTEGER NOT NULL,
                        value_basis TEXT NOT NULL,
                        n INTEGER NOT NULL,
                        cents INTEGER NOT NULL,
                        PRIMARY KEY (office, status, tracks, conflicted, value_basis)
                    ) WITHOUT ROWID;
                    INSERT INTO report_overview_count (office, status, tracks, conflicted, value_basis, n, cents)
                        SELECT \(combination("f")), count(*), sum(\(cents("f"))) FROM report_fact AS f GROUP BY 1, 2, 3, 4, 5;
                    CREATE TRIGGER report_overview_count_insert AFTER INSERT ON report_fact BEGIN
                        INSERT INTO report_overview_count (office, status, tracks, conflicted, value_basis, n, cents)
                            VALUES (\(combination("NEW")), 1, \(cents("NEW")))
                        ON CONFLICT DO UPDATE SET n = n + 1, cents = cents + excluded.cents;
                    END;
                    CREATE TRIGGER report_overview_count_delete AFTER DELETE ON report_fact BEGIN
                        UPDATE report_overview_count SET n = n - 1, cents = cents - \(cents("OLD"))
                        WHERE (office, status, tracks, conflicted, value_basis) = (\(combination("OLD")));
                    END;
                    """
            )
        }
    }
}
