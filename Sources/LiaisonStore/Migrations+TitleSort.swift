import GRDB

extension Migrations {
    /// Titles sort by their plain letters.
    /// Frozen SQL: new migrations go in a new function, called last; these are never edited.
    static func registerTitleSort(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("list: titles with accents sort by their plain letters") { db in
            // The list sorted titles by `title COLLATE NOCASE`, which folds only ASCII: every
            // title starting with an accented letter ("Électricité de France", "Ørsted") came
            // after Z. Titles now sort by `coalesce(title_sort, title)`, `title_sort` holding the
            // title folded when that differs (TitleSort.swift), and the two title indexes hold
            // that. The folding is the app's code and not SQL: the migration marks the titles and
            // the open that follows fills the column for those that are not plain ASCII. A bulk
            // load under way in another process has the list's index aside: it is made again, as
            // this, when the load ends.
            try db.execute(
                sql: """
                    ALTER TABLE record ADD COLUMN title_sort TEXT;
                    DROP INDEX record_conflicted_title;
                    CREATE INDEX record_conflicted_title ON record(coalesce(title_sort, title) COLLATE NOCASE, id) WHERE conflicted = 1;
                    CREATE TABLE title_sort_fill (pending INTEGER NOT NULL);
                    INSERT INTO title_sort_fill (pending) VALUES (1);
                    """
            )
            let index = "CREATE INDEX record_list_title ON record(deleted, coalesce(title_sort, title) COLLATE NOCASE, id, key)"
            if try db.schemaHas("record_list_title") {
                try db.execute(sql: "DROP INDEX record_list_title; \(index)")
            } else {
                try db.execute(sql: "UPDATE set_aside SET sql = ? WHERE name = 'record_list_title'", arguments: [index])
            }
        }
    }
}
