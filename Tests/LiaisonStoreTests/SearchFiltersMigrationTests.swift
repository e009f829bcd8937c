import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// The migration that puts the filters' columns in `record_list_search`.
@Suite("A search's filters counted from an index, after the upgrade")
struct SearchFiltersMigrationTests {
    static let migration = "scale: a search counts its filtered matches in an index"
    static let index = "CREATE INDEX record_list_search ON record(key, deleted, office, status, tracks)"

    /// The SQL of `record_list_search` in the store at `file`, and the SQL kept for it while set aside.
    static func definitions(_ file: URL) throws -> (index: String?, setAside: String?) {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            (
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'record_list_search'"),
                try String.fetchOne(db, sql: "SELECT sql FROM set_aside WHERE name = 'record_list_search'")
            )
        }
    }

    @Test("an index set aside by a load still running when the store is upgraded comes back with the filters' columns")
    func setAsideDuringTheUpgrade() async throws {
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        let directory = try MigrationTests.earlierStore(before: Self.migration, copying: today.fixture.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(LiaisonStore.fileName)
        #expect(try Self.definitions(file).index == "CREATE INDEX record_list_search ON record(key, deleted)")

        // A process of the release before is loading in bulk: the index is aside, the lock held.
        let queue = try DatabaseQueue(path: file.path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO set_aside (name, sql) SELECT name, sql FROM sqlite_master WHERE name = 'record_list_search';
                    DROP INDEX record_list_search;
                    """
            )
        }
        try queue.close()
        var loading = try FileLock.take(LiaisonStore.bulkLoadLockFile(besides: file))
        #expect(loading != nil)
        _ = try LiaisonStore(directory: directory, schema: .core)
        #expect(try Self.definitions(file) == (nil, Self.index), "upgraded while aside: the load will make the new index")

        // The load ended without making it (it stopped): the next open makes the new index.
        loading = nil
        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(try Self.definitions(file) == (Self.index, nil))
        #expect(try await store.page(RecordQuery(text: "lith")).states.map(\.id) == [today.ids[0]])
    }

    @Test("a store of the release before gets the index with the filters' columns")
    func upgraded() async throws {
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        let directory = try MigrationTests.earlierStore(before: Self.migration, copying: today.fixture.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(try Self.definitions(directory.appendingPathComponent(LiaisonStore.fileName)) == (Self.index, nil))
        #expect(try await store.page(RecordQuery(status: "contacted", text: "fab")).states.map(\.id) == [today.ids[1]])
    }
}
