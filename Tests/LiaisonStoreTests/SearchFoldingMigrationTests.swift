import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// The migration that folds the records' search texts (``SearchFolding``).
@Suite("Search texts folded, after the upgrade")
struct SearchFoldingMigrationTests {
    static let migration = "search: letters such as ø, ß and full-width forms found by their plain spelling"

    /// The store of the release before the migration, holding the records of
    /// ``MigrationTests/storeWithEveryKindOfRecord()`` and `titles`, their search texts as that
    /// release wrote them (as written, not folded). Every later write of a search text is noted
    /// in a table `rewritten` (the record's id). Returns the directory and the new records' ids.
    static func earlierStore(adding titles: [String]) async throws -> (directory: URL, ids: [String]) {
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        var ids: [String] = []
        for title in titles { ids.append(try await today.fixture.add(title).id) }
        let directory = try MigrationTests.earlierStore(before: migration, copying: today.fixture.directory)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        try await queue.write { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, state FROM record") {
                let state = try RecordState(json: Data((row[1] as String).utf8))
                try db.execute(
                    sql: "UPDATE record SET search = ? WHERE id = ?",
                    arguments: [SearchText.written(state.displaySummary), row[0] as String]
                )
            }
            try db.refreshStaleSearch()
            try db.execute(
                sql: """
                    CREATE TABLE rewritten (id TEXT NOT NULL);
                    CREATE TRIGGER rewritten AFTER UPDATE OF search ON record BEGIN INSERT INTO rewritten VALUES (NEW.id); END;
                    """
            )
        }
        return (directory, ids)
    }

    /// The ids of the records whose search text was written since ``earlierStore(adding:)``.
    static func rewritten(in directory: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM rewritten ORDER BY rowid") }
    }

    @Test("a record made by the release before is found by its plain spelling after it, and only its text is written")
    func upgraded() async throws {
        let (directory, ids) = try await Self.earlierStore(adding: ["Ørsted Wind", "Ｐｕｎｅ Office"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(LiaisonStore.fileName)
        let words = ["orsted", "ørsted", "ors", "pune", "lith"]
        let before = try SearchPrefixesMigrationTests.matches(words, in: file).keys
        #expect(before.map(\.count) == [0, 1, 0, 0, 1], "the release before finds Ørsted only as written")

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(store.upgrade?.migrations.first == Self.migration)
        let after = try SearchPrefixesMigrationTests.matches(words, in: file).keys
        // The index holds the folded texts; the store folds a search's words before asking it.
        #expect(after.map(\.count) == [1, 0, 1, 1, 1])
        #expect(try await store.page(RecordQuery(text: "orsted")).states.map(\.id) == [ids[0]])
        #expect(try await store.page(RecordQuery(text: "ørsted")).states.map(\.id) == [ids[0]])
        #expect(try await store.page(RecordQuery(text: "oersted")).states.map(\.id) == [ids[0]])
        #expect(try await store.page(RecordQuery(text: "pune office")).states.map(\.id) == [ids[1]])
        #expect(try Self.rewritten(in: directory) == ids, "the records whose text folds to itself are not written")
        #expect(try StoreRecount(directory: directory).searchRowsOutOfStep() == 0)

        // Folded once: the next open writes nothing.
        _ = try LiaisonStore(directory: directory, schema: .core)
        #expect(try Self.rewritten(in: directory) == ids)
    }
}
