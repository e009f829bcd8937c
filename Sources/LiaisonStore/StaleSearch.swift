import GRDB

extension Database {
    /// Brings the search index in step with the records that came, went or whose search text
    /// changed in this transaction: the triggers noted each one's key and the text the index
    /// holds for it in `search_stale` (NULL for a new record: the index holds nothing of it);
    /// their old entries go and their new ones come, each in key order, so that FTS5 writes a
    /// few segments instead of one a record (see the migrations "scale: records keep a key of
    /// their own" and "search: a new record's words indexed at the end of its transaction").
    /// Every transaction that writes records calls it last, before it commits; it costs one
    /// read of an empty table when no record changed.
    func refreshStaleSearch() throws {
        let pending = try cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM search_stale)")
        guard try Bool.fetchOne(pending)! else { return }
        // Kept prepared: every group of writes runs them, and FTS5 statements are slow to prepare.
        for sql in [
            """
            INSERT INTO record_fts (record_fts, rowid, search)
                SELECT 'delete', key, search FROM search_stale WHERE search IS NOT NULL ORDER BY key
            """,
            """
            INSERT INTO record_fts (rowid, search)
                SELECT record.key, record.search FROM search_stale JOIN record ON record.key = search_stale.key
                ORDER BY search_stale.key
            """,
            "DELETE FROM search_stale",
        ] {
            try cachedStatement(sql: sql).execute()
        }
    }
}
