import GRDB

/// How the list sorts titles: by their plain letters, so that "Électricité de France" sorts
/// among the E's and "Ørsted" among the O's, where SQLite's `NOCASE` alone, which folds only
/// ASCII, put every title that starts with an accented letter after Z.
///
/// A record's `title_sort` column holds its title ``SearchFolding/folded(_:)`` when that differs
/// from the title (a title with a letter other than ASCII), else NULL; the list sorts by
/// ``expression`` with `COLLATE NOCASE`, which the title indexes hold. Most titles are plain
/// ASCII, so the column costs nothing for them, and their order is the one it always was.
///
/// ```swift
/// TitleSort.key("Électricité de France")  // "electricite de France"
/// TitleSort.key("Lithium refining JV")   // nil: it sorts as it is
/// ```
enum TitleSort {
    /// What the list sorts titles by, in SQL.
    static let expression = "coalesce(title_sort, title)"

    /// The `title_sort` of a record titled `title`: the title folded, or nil when that is the title.
    static func key(_ title: String?) -> String? {
        guard let title else { return nil }
        let folded = SearchFolding.folded(title)
        return folded == title ? nil : folded
    }
}

extension Database {
    /// Whether a migration marked the titles' sort keys to be filled (`title_sort_fill`).
    func titleSortFillPending() throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM title_sort_fill)")!
    }

    /// Fills `title_sort` (``TitleSort/key(_:)``) for every record whose title is not plain ASCII
    /// (the others sort as they are), writing only the rows whose key changes: a title in a
    /// script with no plain letters (Devanagari, say) folds to itself and is not written. Removes
    /// the mark. Must run inside a write transaction.
    func fillTitleSort() throws {
        let update = try makeStatement(sql: "UPDATE record SET title_sort = ?1 WHERE rowid = ?2 AND title_sort IS NOT ?1")
        try forEachRecord(notPlainASCIIIn: "title") { rowid, title in
            try update.execute(arguments: [TitleSort.key(title), rowid])
        }
        try execute(sql: "DELETE FROM title_sort_fill")
    }
}
