import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Paging the record list by cursor")
struct StoreKeysetTests {
    /// Every page of `query`, from the first through `next`, each fetched after `between`.
    func pages(_ store: LiaisonStore, _ query: RecordQuery, between: () async throws -> Void = {}) async throws -> [RecordPage] {
        var query = query
        var pages: [RecordPage] = []
        while true {
            let page = try await store.page(query)
            pages.append(page)
            guard let next = page.next else { return pages }
            query.cursor = next
            try await between()
        }
    }

    /// Every record of `query`, page by page through `next`, as ids in the order shown.
    func walk(_ store: LiaisonStore, _ query: RecordQuery, between: () async throws -> Void = {}) async throws -> [String] {
        try await pages(store, query, between: between).flatMap { $0.states.map(\.id) }
    }

    /// Every record of `query` (`count` of them), walked back from the last through `previous`,
    /// as ids in the order shown.
    func walkBackwards(_ store: LiaisonStore, _ query: RecordQuery, count: Int) async throws -> [String] {
        var last = query
        last.offset = count - 1
        let end = try await store.page(last)
        var back = query
        back.cursor = end.previous
        var ids = end.states.map(\.id)
        while back.cursor != nil {
            let page = try await store.page(back)
            ids = page.states.map(\.id) + ids
            back.cursor = page.previous
        }
        return ids
    }

    @Test("10,000 records: every order, forwards and back, visits each record once, as offset paging orders them")
    func everyOrder() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var records = ManyRecords(seed: 1)
        try await store.mergeAll(records.states(10_000))
        let live = try await store.counts().records
        for sort in RecordQuery.Sort.allCases {
            let query = RecordQuery(sort: sort, limit: 97)
            let ids = try await walk(store, query)
            #expect(ids.count == live && Set(ids).count == live, "\(sort)")
            #expect(ids == (try await store.list(RecordQuery(sort: sort, limit: 20_000)).states.map(\.id)), "\(sort)")
            // Back from the last page through `previous`: the same records, each page whole.
            #expect(try await walkBackwards(store, query, count: live) == ids, "\(sort) backwards")
            // Filters that match many records, and one that matches few.
            for filter in [
                RecordQuery(office: "mumbai"), RecordQuery(office: "chennai"), RecordQuery(text: "i"),
                RecordQuery(text: "lith"),
            ] {
                var query = filter
                (query.sort, query.limit) = (sort, 211)
                var all = query
                all.limit = 20_000
                let expected = try await store.list(all).states.map(\.id)
                #expect(try await walk(store, query) == expected, "\(filter) \(sort)")
                #expect(try await walkBackwards(store, query, count: expected.count) == expected, "\(filter) \(sort) backwards")
                #expect(try await store.page(query).total == .exact(expected.count), "\(filter) \(sort) total")
            }
        }
    }

    @Test("filters page by cursor in the order of the whole list, with totals exact or bounded")
    func filters() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var records = ManyRecords(seed: 2)
        try await store.mergeAll(records.states(3_000))
        let queries = [
            RecordQuery(office: "mumbai"), RecordQuery(status: "on_hold"), RecordQuery(track: "sccp"),
            RecordQuery(conflictedOnly: true), RecordQuery(deleted: true), RecordQuery(text: "lith"),
            RecordQuery(office: "chennai", status: "contacted", text: "wafer"), RecordQuery(status: "identified", text: "nosuchword"),
        ]
        for filter in queries {
            for sort in RecordQuery.Sort.allCases {
                var query = filter
                query.sort = sort
                query.limit = 41
                let expected = try await store.list(
                    RecordQuery(
                        track: query.track,
                        office: query.office,
                        status: query.status,
                        conflictedOnly: query.conflictedOnly,
                        deleted: query.deleted,
                        text: query.text,
                        sort: sort,
                        limit: 20_000
                    )
                )
                #expect(try await walk(store, query) == expected.states.map(\.id), "\(filter) \(sort)")
                #expect(try await pages(store, query).allSatisfy { $0.total == .exact(expected.total) }, "\(filter) \(sort)")
            }
        }
    }

    @Test("paging while records are written: each record there before the walk is visited exactly once")
    func whileWriting() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var records = ManyRecords(seed: 3)
        try await store.mergeAll(records.states(10_000))
        for (index, sort) in RecordQuery.Sort.allCases.enumerated() {
            let before = Set(try await walk(store, RecordQuery(sort: sort, limit: 500)))
            var writer = ManyRecords(seed: UInt64(10 + index))
            let ids = try await walk(store, RecordQuery(sort: sort, limit: 113)) {
                // Between pages, other writers add records: some land before the cursor, some after.
                _ = try await store.merge(writer.states(20))
            }
            #expect(Set(ids).count == ids.count, "\(sort): no record twice")
            #expect(before.isSubset(of: Set(ids)), "\(sort): every earlier record once")
        }
    }

    @Test("a cursor of another order, a mangled one, or one with an offset is refused by name")
    func badCursors() async throws {
        let fixture = try StoreFixture()
        var records = ManyRecords(seed: 4)
        try await fixture.store.mergeAll(records.states(30))
        let next = try #require(try await fixture.store.page(RecordQuery(sort: .title, limit: 5)).next)
        for query in [
            RecordQuery(sort: .value, cursor: next), RecordQuery(cursor: "bm90IGEgY3Vyc29y"),
            RecordQuery(sort: .title, offset: 3, cursor: next),
        ] {
            await #expect(throws: StoreError.self) { try await fixture.store.page(query) }
        }
    }
}
