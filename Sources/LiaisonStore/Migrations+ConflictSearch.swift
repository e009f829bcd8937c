import Foundation
import GRDB
import LiaisonCore

extension Migrations {
    /// A record in conflict is found by each of its values.
    /// New migrations go in a new function, called last; these are never edited.
    static func registerConflictSearch(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("search: a field in conflict is found by each of its values") { db in
            // A record's search text held only the values it shows: when two offices wrote a
            // field at once, a search for what the other office wrote missed the record. The
            // text now holds every value of a field in conflict (SearchText.swift). Only records
            // in conflict change: their text is worked out again from their states, with this
            // release's code (as the display values are filled, LiaisonStore+Displayed.swift),
            // and the search index takes the change at the end, as after any write.
            try db.refreshConflictedSearch()
        }
    }
}

extension Database {
    /// Works out again the search text of every record in conflict and writes the texts that
    /// changed; the search index follows (``refreshStaleSearch()``). Must run inside a write
    /// transaction.
    func refreshConflictedSearch() throws {
        var changed: [(key: Int64, search: String)] = []
        let rows = try Row.fetchCursor(self, sql: "SELECT key, id, state, search FROM record WHERE conflicted = 1")
        while let row = try rows.next() {
            let (id, json): (String, String) = (row["id"], row["state"])
            let state: RecordState
            do { state = try RecordState(json: Data(json.utf8)) } catch {
                throw StoreError(.invalid, "record \(id): \(error)")
            }
            let search = RecordRow(state).search
            if search != row["search"] { changed.append((row["key"], search)) }
        }
        let update = try makeStatement(sql: "UPDATE record SET search = ? WHERE key = ?")
        for row in changed { try update.execute(arguments: [row.search, row.key]) }
        try refreshStaleSearch()
    }
}
