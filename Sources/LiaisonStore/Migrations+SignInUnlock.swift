import GRDB

extension Migrations {
    /// When an admin last cleared an account's failed sign-ins (`liaison user unlock`).
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerSignInUnlock(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("accounts: when an admin last unlocked an account's sign-in") { db in
            // The failed sign-ins are counted in the serving node's memory; the unlock is written
            // here, by the CLI or any other process, and read by the node at the account's next
            // sign-in try, which forgets the failures counted before it (SignIn.swift).
            try db.execute(sql: "ALTER TABLE account ADD COLUMN sign_in_unlocked_at INTEGER")
        }
    }
}
