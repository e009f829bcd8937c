import GRDB

/// The search texts a migration marked for folding again (`search_refold`), when the folding
/// (``SearchFolding``) changed: the migration is SQL and cannot fold, so the open after it does.
extension Database {
    /// Whether a migration marked the search texts for folding again since the last refold.
    func searchRefoldPending() throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM search_refold)")!
    }

    /// Folds every record's search text again, a page of rows at a time, and writes only the
    /// texts that change: the search index's triggers note those (and no other) for
    /// ``refreshStaleSearch()``, so a store whose texts are plain ASCII is read and not written.
    /// Plain ASCII folds to itself: SQLite passes over those texts (as many characters as bytes)
    /// without handing them to Swift. Removes the mark. Must run inside a write transaction.
    func refoldSearch() throws {
        let update = try makeStatement(sql: "UPDATE record SET search = ? WHERE rowid = ?")
        let page = try makeStatement(
            sql: """
                SELECT rowid, search FROM record WHERE rowid > ? AND length(search) != length(CAST(search AS BLOB))
                ORDER BY rowid LIMIT 1000
                """
        )
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(page, arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                let text: String = row[1]
                let folded = SearchFolding.indexed(text)
                guard folded != text else { continue }
                try update.execute(arguments: [folded, row[0] as Int64])
            }
            after = last[0]
        }
        try execute(sql: "DELETE FROM search_refold")
        try refreshStaleSearch()
    }
}
