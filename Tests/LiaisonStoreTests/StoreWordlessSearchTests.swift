import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("A search with no words")
struct StoreWordlessSearchTests {
    @Test("is no search: the exact total, past the count a search stops at, and the same records")
    func isNoSearch() async throws {
        let fixture = try StoreFixture()
        var records = ManyRecords(seed: 5)
        try await fixture.store.mergeAll(records.states(LiaisonStore.exactTotalLimit + 1_000))
        let none = try await fixture.store.page(RecordQuery(limit: 20))
        guard case .exact(let live) = none.total else {
            Issue.record("no search counts every live record: \(none.total)")
            return
        }
        #expect(live > LiaisonStore.exactTotalLimit)
        for text in [".", "-", "€", "💎", " ", "-- ? --"] {
            let searched = try await fixture.store.page(RecordQuery(text: text, limit: 20))
            #expect(searched.total == .exact(live), "q=\(text)")
            #expect(searched.states.map(\.id) == none.states.map(\.id), "q=\(text)")
            #expect(searched.next == none.next, "q=\(text)")
            #expect(try await fixture.store.list(RecordQuery(text: text, limit: 1)).total == live, "q=\(text)")
        }
    }
}
