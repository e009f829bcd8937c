import GRDB

extension Migrations {
    /// Search texts folded to plain letters.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerSearchFolding(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("search: letters such as ø, ß and full-width forms found by their plain spelling") { db in
            // A record's search text was its texts as written, and the index folds only case and
            // the accents of letters made of a letter and an accent: `orsted` did not find
            // "Ørsted", nor `strasse` "Straße", nor `mumbai` "Ｍｕｍｂａｉ". The store now keeps the
            // text folded (SearchFolding.swift), which is the app's code and not SQL: the
            // migration marks the texts, and the open that follows refolds them, writing only the
            // records whose text changes (SearchRefold.swift). A later change of the folding
            // marks them again the same way.
            try db.execute(
                sql: """
                    CREATE TABLE search_refold (pending INTEGER NOT NULL);
                    INSERT INTO search_refold (pending) VALUES (1);
                    """
            )
        }
    }
}
