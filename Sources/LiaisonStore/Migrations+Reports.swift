import GRDB

extension Migrations {
    /// Reports from kept facts instead of decoded display values.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerReports(in migrator: inout DatabaseMigrator) {
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
    }
}
