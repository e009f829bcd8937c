import GRDB

extension Migrations {
    /// The quarantine's bound is kept per room (``BatchOrigin/room``), not per name shown.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerQuarantineRooms(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake: the quarantine bounded per peer token and per configured peer") { db in
            // The bound counted entries by `source`, which for a push names the replica id the
            // sender claims: a peer claiming a new one each time got new room. Entries made
            // before take the room their source names: `push from R (token T)` that of token T,
            // `peer P (R)` that of peer P (neither a replica id nor a peer name holds a space),
            // anything else (a bundle) its own.
            try db.execute(
                sql: """
                    ALTER TABLE quarantine ADD COLUMN room TEXT NOT NULL DEFAULT '';
                    UPDATE quarantine SET room = CASE
                        WHEN source LIKE 'push from % (token %)'
                            THEN 'token ' || substr(source, instr(source, ' (token ') + 8, length(source) - instr(source, ' (token ') - 8)
                        WHEN source LIKE 'peer % (%)' THEN substr(source, 1, instr(source, ' (') - 1)
                        ELSE source
                    END;
                    CREATE INDEX quarantine_room ON quarantine(room);
                    """
            )
        }
    }
}
