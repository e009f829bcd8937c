import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("A bulk load sets the list indexes aside and builds them again")
struct StoreBulkLoadTests {
    /// The list indexes of the store in `directory`, by name, with their SQL.
    static func listIndexes(_ directory: URL) throws -> [String: String] {
        try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path).read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db,
                    sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'record_list_%'"
                ).map { ($0[0] as String, $0[1] as String) }
            )
        }
    }

    /// What a person sees of the list in every order and under a few filters: ids, page by page.
    static func lists(_ store: LiaisonStore) async throws -> [String] {
        var shown: [String] = []
        for sort in RecordQuery.Sort.allCases {
            for filter in [
                RecordQuery(), RecordQuery(office: "chennai"), RecordQuery(status: "on_hold"), RecordQuery(text: "lith"),
                RecordQuery(deleted: true),
            ] {
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
        #expect(before.count == 5)
        var records = ManyRecords(seed: 7)
        let states = records.states(600)

        #expect(try await loaded.store.setListIndexesAside(forLoadOf: 600, threshold: 100))
        #expect(try await loaded.store.listIndexesAreAside())
        #expect(try Self.listIndexes(loaded.directory).isEmpty)
        for batch in stride(from: 0, to: states.count, by: 150) {
            _ = try await loaded.store.merge(Array(states[batch..<batch + 150]), from: "chennai.abc123")
        }
        try await compared.store.mergeAll(states)
        // Meanwhile the list, its filters and search answer as they will with the indexes.
        let expected = try await Self.lists(compared.store)
        #expect(try await Self.lists(loaded.store) == expected)

        try await loaded.store.restoreListIndexes()
        #expect(try await loaded.store.listIndexesAreAside() == false)
        #expect(try Self.listIndexes(loaded.directory) == before)
        #expect(try await Self.lists(loaded.store) == expected)
        let recount = StoreRecount(directory: loaded.directory)
        #expect(try recount.kept() == recount.recounted())
        #expect(try recount.searchRowsOutOfStep() == 0)
    }

    @Test("a load smaller than the threshold or than what the store holds keeps the indexes")
    func smallLoadsKeepTheIndexes() async throws {
        let fixture = try StoreFixture()
        var records = ManyRecords(seed: 8)
        try await fixture.store.mergeAll(records.states(300))
        #expect(try await fixture.store.setListIndexesAside(forLoadOf: 99, threshold: 100) == false)
        #expect(try await fixture.store.setListIndexesAside(forLoadOf: 300, threshold: 100) == false)
        #expect(try Self.listIndexes(fixture.directory).count == 5)
        #expect(try await fixture.store.setListIndexesAside(forLoadOf: 301, threshold: 100))
        try await fixture.store.restoreListIndexes()
        #expect(try Self.listIndexes(fixture.directory).count == 5)
    }

    @Test("a load cut short (a crash, a stop) gets its indexes back when the store next opens, records kept")
    func cutShortLoadRestoresOnOpen() async throws {
        let fixture = try StoreFixture()
        let before = try Self.listIndexes(fixture.directory)
        var records = ManyRecords(seed: 9)
        #expect(try await fixture.store.setListIndexesAside(forLoadOf: 1_000, threshold: 100))
        _ = try await fixture.store.merge(records.states(200), from: "chennai.abc123")

        let reopened = try fixture.reopen()
        #expect(try await reopened.listIndexesAreAside() == false)
        #expect(try Self.listIndexes(fixture.directory) == before)
        #expect(try await reopened.counts().records + reopened.counts().deleted == 200)
        // Ending the load after that finds nothing to do.
        try await fixture.store.restoreListIndexes()
        #expect(try Self.listIndexes(fixture.directory) == before)
    }
}
