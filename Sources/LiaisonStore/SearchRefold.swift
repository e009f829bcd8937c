import GRDB

/// The search texts a migration marked for folding again (`search_refold`), when the folding
/// (``SearchFolding``) changed: the migration is SQL and cannot fold, so the open after it does.
extension Database {
    /// Whether a migration marked the search texts for folding again since the last refold.
    func searchRefoldPending() throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM search_refold)")!
    }

    /// Folds every record's search text again and writes only the texts that change: the search
    /// index's triggers note those (and no other) for ``refreshStaleSearch()``, so a store whose
    /// texts are plain ASCII (which folds to itself) is read and not written. Removes the mark.
    /// Must run inside a write transaction.
    func refoldSearch() throws {
        let update = try makeStatement(sql: "UPDATE record SET search = ? WHERE rowid = ?")
        try forEachRecord(notPlainASCIIIn: "search") { rowid, text in
            let folded = SearchFolding.indexed(text)
            if folded != text { try update.execute(arguments: [folded, rowid]) }
        }
        try execute(sql: "DELETE FROM search_refold")
        try refreshStaleSearch()
    }

    /// Calls `body` with the rowid and the text of `column` of every record whose text there is
    /// not plain ASCII, a page of 1,000 rows at a time. SQLite passes over the others (as many
    /// characters as bytes) without handing them to Swift.
    func forEachRecord(notPlainASCIIIn column: String, _ body: (Int64, String) throws -> Void) throws {
        let page = try makeStatement(
            sql: """
                SELECT rowid, \(column) FROM record WHERE rowid > ? AND length(\(column)) != length(CAST(\(column) AS BLOB))
                ORDER BY rowid LIMIT 1000
                """
        )
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(page, arguments: [after])
            guard let last = rows.last else { break }
            for row in rows { try body(row[0], row[1]) }
            after = last[0]
        }
    }
}
