import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("A bulk load sets the list and search indexes aside and builds them again")
struct StoreBulkLoadTests {
    /// The list indexes and search triggers of the store in `directory`, by name, with their SQL.
    static func listIndexes(_ directory: URL) throws -> [String: String] {
        try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path).read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT name, sql FROM sqlite_master
                        WHERE (type = 'index' AND name LIKE 'record_list_%') OR (type = 'trigger' AND name LIKE 'record_fts_%')
                        """
                ).map { ($0[0] as String, $0[1] as String) }
            )
        }
    }

    /// What a person sees of the list in every order and under a few filters (and a search,
    /// `searching`): ids, page by page.
    static func lists(_ store: LiaisonStore, searching: Bool = true) async throws -> [String] {
        var shown: [String] = []
        for sort in RecordQuery.Sort.allCases {
            var filters = [RecordQuery(), RecordQuery(office: "chennai"), RecordQuery(status: "on_hold"), RecordQuery(deleted: true)]
            if searching { filters.append(RecordQuery(text: "lith")) }
            for filter in filters {
                var query = filter
                (query.sort, query.limit) = (sort, 40)
                while true {
                    let page = try await store.page(query)
                    shown.append("\(sort) \(filter): " + page.states.map(\.id).joined(separator: " "))
                    guard let next = page.next else { break }
                    query.cursor = next
                }
            }
        }
        return shown
    }

    @Test("the records load with the indexes aside, the list answers meanwhile, and the indexes come back as they were")
    func loadWithIndexesAside() async throws {
        let (loaded, compared) = (try StoreFixture(), try StoreFixture())
        let before = try Self.listIndexes(loaded.directory)
        #expect(before.count == 9)
        var records = ManyRecords(seed: 7)
        let states = records.states(600)

        #expect(try await loaded.store.setIndexesAside(forLoadOf: 600, threshold: 100))
        #expect(try await loaded.store.indexesAreAside())
        #expect(try Self.listIndexes(loaded.directory).isEmpty)
        for batch in stride(from: 0, to: states.count, by: 150) {
            _ = try await loaded.store.merge(Array(states[batch..<batch + 150]), from: "chennai.abc123")
        }
        // Some loaded records change again within the load, one of them deleted.
        let changed = try states.prefix(20).enumerated().map { index, state in
            var state = state
            let meta = WriteMeta(author: "ravi", at: 1_800_000_000_000)
            if index == 0 {
                try state.delete(readContext: state.context, replica: "kolkata.xyz789", meta: meta)
            } else {
                try state.write(
                    ["office": .text("kolkata"), "status": .text("on_hold")],
                    readContext: state.context,
                    replica: "kolkata.xyz789",
                    meta: meta
                )
            }
            return state
        }
        _ = try await loaded.store.merge(changed, from: "kolkata.xyz789")
        try await compared.store.mergeAll(states)
        _ = try await compared.store.merge(changed, from: "kolkata.xyz789")
        // Meanwhile the list and its filters answer as they will with the indexes; search finds
        // only what was there before the load (nothing).
        #expect(try await Self.lists(loaded.store, searching: false) == Self.lists(compared.store, searching: false))
        #expect(try await loaded.store.page(RecordQuery(text: "lith")).states.isEmpty)
        let expected = try await Self.lists(compared.store)

        try await loaded.store.restoreIndexes()
        #expect(try await loaded.store.indexesAreAside() == false)
        #expect(try Self.listIndexes(loaded.directory) == before)
        #expect(try await Self.lists(loaded.store) == expected)
        let recount = StoreRecount(directory: loaded.directory)
        #expect(try recount.kept() == recount.recounted())
        #expect(try recount.searchRowsOutOfStep() == 0)
        // Counts and report facts are those of a store that took the same records without a bulk load.
        #expect(try await loaded.store.counts() == compared.store.counts())
        #expect(try StoreRecount(directory: compared.directory).kept() == recount.kept())
        #expect(try MigrationTests.reportFacts(of: loaded.directory) == MigrationTests.reportFacts(of: compared.directory))
    }

    @Test("another process opening the store during a load leaves the indexes to the loader, which builds them at the end")
    func openingDuringALoadLeavesItAlone() async throws {
        let (fixture, compared) = (try StoreFixture(), try StoreFixture())
        let before = try Self.listIndexes(fixture.directory)
        var records = ManyRecords(seed: 10)
        let states = records.states(300)
        try await compared.store.mergeAll(Array(states.prefix(150)))
        let chennai = RecordQuery(office: "chennai", limit: 10)
        let loaded = try await fixture.store.loadingInBulk(300, threshold: 100) { bulk in
            #expect(bulk)
            _ = try await fixture.store.merge(Array(states.prefix(150)), from: "chennai.abc123")
            // As `liaison status` would, while `liaison serve` loads.
            let other = try fixture.reopen()
            #expect(try await other.indexesAreAside())
            // Its list answers without the indexes: the same page as a store that has them.
            let (page, expected) = (try await other.page(chennai).states.map(\.id), try await compared.store.page(chennai).states.map(\.id))
            #expect(!page.isEmpty && page == expected)
            // A second load at the same time runs as a plain one.
            try await other.loadingInBulk(300, threshold: 100) { bulk in #expect(bulk == false) }
            _ = try await fixture.store.merge(Array(states.suffix(150)), from: "chennai.abc123")
            return try await fixture.store.indexesAreAside()
        }
        #expect(loaded, "the indexes stayed aside until the load ended")
        #expect(try await fixture.store.indexesAreAside() == false)
        #expect(try Self.listIndexes(fixture.directory) == before)
        #expect(try StoreRecount(directory: fixture.directory).searchRowsOutOfStep() == 0)
    }

    @Test("a load smaller than the threshold or than what the store holds keeps the indexes")
    func smallLoadsKeepTheIndexes() async throws {
        let fixture = try StoreFixture()
        var records = ManyRecords(seed: 8)
        try await fixture.store.mergeAll(records.states(300))
        #expect(try await fixture.store.setIndexesAside(forLoadOf: 99, threshold: 100) == false)
        #expect(try await fixture.store.setIndexesAside(forLoadOf: 300, threshold: 100) == false)
        #expect(try Self.listIndexes(fixture.directory).count == 9)
        #expect(try await fixture.store.setIndexesAside(forLoadOf: 1_000, threshold: 0) == false, "0 turns bulk loads off")
        #expect(try await fixture.store.setIndexesAside(forLoadOf: 301, threshold: 100))
        try await fixture.store.restoreIndexes()
        #expect(try Self.listIndexes(fixture.directory).count == 9)
    }

    @Test("a load cut short (a crash, a stop) gets its indexes back when the store next opens, records kept")
    func cutShortLoadRestoresOnOpen() async throws {
        let fixture = try StoreFixture()
        let before = try Self.listIndexes(fixture.directory)
        var records = ManyRecords(seed: 9)
        #expect(try await fixture.store.setIndexesAside(forLoadOf: 1_000, threshold: 100))
        _ = try await fixture.store.merge(records.states(200), from: "chennai.abc123")

        let reopened = try fixture.reopen()
        #expect(try await reopened.indexesAreAside() == false)
        #expect(try Self.listIndexes(fixture.directory) == before)
        #expect(try await reopened.counts().records + reopened.counts().deleted == 200)
        let recount = StoreRecount(directory: fixture.directory)
        #expect(try recount.kept() == recount.recounted())
        #expect(try await MigrationTests.reportFacts(of: fixture.directory).count == reopened.counts().records)
        #expect(try StoreRecount(directory: fixture.directory).searchRowsOutOfStep() == 0)
        #expect(try await reopened.page(RecordQuery(text: "lith", limit: 1)).states.count == 1, "search finds the loaded records")
        // Ending the load after that finds nothing to do.
        try await fixture.store.restoreIndexes()
        #expect(try Self.listIndexes(fixture.directory) == before)
    }

    /// A serving node never opens its store again: a load cut short in another process (a
    /// `liaison sync` killed on the node's data) left its list and search indexes aside for the
    /// rest of the node's run, its searches finding nothing, until the next load made them.
    @Test(
        "a load cut short in another process gets its indexes back at the next load of a process that has the store open, small or bulk",
        arguments: [10, 1_000]
    )
    func cutShortLoadRestoresAtTheNextLoad(incoming: Int) async throws {
        let fixture = try StoreFixture()
        let before = try Self.listIndexes(fixture.directory)
        var records = ManyRecords(seed: 12)
        // The other process: it sets the indexes aside, loads, and is killed (its lock goes with it).
        let other = try fixture.reopen()
        #expect(try await other.setIndexesAside(forLoadOf: 1_000, threshold: 100))
        _ = try await other.merge(records.states(200), from: "chennai.abc123")
        #expect(try await fixture.store.page(RecordQuery(text: "lith", limit: 1)).states.isEmpty, "while aside, search finds nothing")

        let loaded = try await fixture.store.loadingInBulk(incoming, threshold: 100) { bulk in
            #expect(try await fixture.store.indexesAreAside() == bulk, "made again before the load, set aside again only for a bulk one")
            return try await fixture.store.merge(records.states(incoming), from: "chennai.abc123")
        }
        #expect(loaded.changed == incoming)
        #expect(try await fixture.store.indexesAreAside() == false)
        #expect(try Self.listIndexes(fixture.directory) == before)
        #expect(try StoreRecount(directory: fixture.directory).searchRowsOutOfStep() == 0)
        #expect(try await fixture.store.page(RecordQuery(text: "lith", limit: 1)).states.count == 1, "search finds the loaded records")
    }

    /// The search index's `hashsize`: how much FTS5 gathers before it writes a segment (nil: its 1 MiB).
    static func searchHashSize(_ directory: URL) throws -> Int? {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT v FROM record_fts_config WHERE k = 'hashsize'") }
    }

    @Test(
        "a store of the release before builds its search index in runs of 16 MiB after the upgrade, and lists and searches a load as today's store does"
    )
    func upgradedStoreGathersMoreBeforeItWrites() async throws {
        let migration = "search: the index writes what it gathers every 16 MiB, not every 1 MiB"
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        #expect(try Self.searchHashSize(today.fixture.directory) == 16 << 20, "a new store")
        let directory = try MigrationTests.earlierStore(before: migration, copying: today.fixture.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Self.searchHashSize(directory) == nil)

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(store.upgrade?.migrations == Array(Migrations.migrator.migrations.drop { $0 != migration }), "it and those after it")
        #expect(try Self.searchHashSize(directory) == 16 << 20)
        var records = ManyRecords(seed: 11)
        let states = records.states(400)
        try await store.loadingInBulk(states.count, threshold: 100) { bulk in
            #expect(bulk)
            _ = try await store.merge(states, from: "chennai.abc123")
        }
        #expect(try StoreRecount(directory: directory).searchRowsOutOfStep() == 0)
        // Its lists and searches are those of today's store taking the same records one page at a time.
        try await today.fixture.store.mergeAll(states)
        #expect(try await Self.lists(store) == Self.lists(today.fixture.store))
    }
}
