import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// The migration that gives the search index its prefix indexes.
@Suite("Short search words read prefix indexes, after the upgrade")
struct SearchPrefixesMigrationTests {
    static let migration = "search: words of one to three letters read prefix indexes"

    /// The records' keys the search index matches for each of `words` (as the store asks it: quoted,
    /// as a prefix), in the store at `file`, and the SQL that made the index.
    static func matches(_ words: [String], in file: URL) throws -> (keys: [[Int64]], definition: String) {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            let keys = try words.map { word in
                try Int64.fetchAll(db, sql: "SELECT rowid FROM record_fts WHERE record_fts MATCH ? ORDER BY rowid", arguments: ["\"\(word)\"*"])
            }
            return (keys, try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'record_fts'")!)
        }
    }

    @Test("a store of the release before finds the same records by a word of one, two, three or more letters")
    func upgraded() async throws {
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        let directory = try MigrationTests.earlierStore(before: Self.migration, copying: today.fixture.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(LiaisonStore.fileName)
        let words = ["l", "li", "lit", "lith", "f", "fa", "fab", "m", "x"]
        let before = try Self.matches(words, in: file)
        #expect(!before.definition.contains("prefix"))
        #expect(before.keys.filter(\.isEmpty).count == 1, "every word but x matches a record")

        let store = try LiaisonStore(directory: directory, schema: .core)
        let after = try Self.matches(words, in: file)
        #expect(after.definition.contains("prefix = '1 2 3'"))
        #expect(after.keys == before.keys)
        #expect(try await store.page(RecordQuery(text: "l")).states.map(\.id).contains(today.ids[0]))
        #expect(try await store.page(RecordQuery(text: "fa")).states.map(\.id) == [today.ids[1]])

        // Kept in step as records change: a new record is found by its first letter, an edited
        // one no longer by a word it lost.
        let added = try await store.create(
            try today.fixture.values("type=investment", "title=Zinc smelter", "tracks=critical_minerals"),
            author: "asha"
        )
        _ = try await store.update(id: today.ids[1], try today.fixture.values("title=Wafer plant"), readContext: nil, author: "asha")
        #expect(try await store.page(RecordQuery(text: "z")).states.map(\.id) == [added.id])
        #expect(try await store.page(RecordQuery(text: "fa")).states.isEmpty)
        let integrity = try DatabaseQueue(path: file.path)
        defer { try? integrity.close() }
        try await integrity.write { db in try db.execute(sql: "INSERT INTO record_fts (record_fts, rank) VALUES ('integrity-check', 1)") }
    }
}
