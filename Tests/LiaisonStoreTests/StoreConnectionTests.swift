import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// How the store's writer is set up: what it promises of a commit and where it keeps its
/// temporary pages (docs/design.md §5, "Durability").
@Suite("The store's writer")
struct StoreConnectionTests {
    /// `PRAGMA name` on the store's writer.
    static func writerPragma(_ store: LiaisonStore, _ name: String) async throws -> Int {
        try await store.database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA \(name)")! }
    }

    @Test("syncs the WAL at every commit (FULL), not only at checkpoints as the pool's default would")
    func commitsAreSynced() async throws {
        let fixture = try StoreFixture()
        #expect(try await Self.writerPragma(fixture.store, "synchronous") == 2)
        #expect(try await Self.writerPragma(fixture.reopen(), "synchronous") == 2)
    }

    @Test("keeps a 32 MiB page cache and folds the WAL back every 32 MiB, as set before the pool's own setup")
    func cacheAndCheckpoints() async throws {
        let fixture = try StoreFixture()
        #expect(try await Self.writerPragma(fixture.store, "cache_size") == -32768)
        #expect(try await Self.writerPragma(fixture.store, "wal_autocheckpoint") == 8192)
    }

    @Test("keeps its temporary pages in memory, uses files only inside sortingWithFiles, and is back in memory after a bulk load")
    func temporaryPages() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        #expect(try await Self.writerPragma(store, "temp_store") == 2)

        let inside = try await store.database.writeWithoutTransaction { db in
            var inside = 0
            try db.sortingWithFiles { inside = try Int.fetchOne(db, sql: "PRAGMA temp_store")! }
            return inside
        }
        #expect(inside == 1)
        #expect(try await Self.writerPragma(store, "temp_store") == 2)

        var records = ManyRecords(seed: 3)
        let states = records.states(300)
        #expect(try await store.setIndexesAside(forLoadOf: 300, threshold: 100))
        _ = try await store.merge(states, from: "chennai.abc123")
        try await store.restoreIndexes()
        #expect(try await !store.indexesAreAside())
        #expect(try await Self.writerPragma(store, "temp_store") == 2)
        let live = states.filter { !$0.isDeleted }.count
        #expect(try await store.page(RecordQuery(limit: 500)).states.count == live)
    }
}
