import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Changes feed")
struct StoreChangesTests {
    @Test("states in sequence order, each record once at its latest sequence")
    func order() async throws {
        let fixture = try StoreFixture()
        let a = try await fixture.add("A")
        let b = try await fixture.add("B")
        let c = try await fixture.add("C")
        _ = try await fixture.store.update(id: a.id, try fixture.values("notes=later"), readContext: nil, author: "x")
        let page = try await fixture.store.changes(since: 0, limit: 100)
        #expect(page.states.map(\.sequence) == [2, 3, 4])
        let ids = try page.states.map { try RecordState(json: Data($0.json.utf8)).id }
        #expect(ids == [b.id, c.id, a.id])
        #expect(page.lastSequence == 4)
        #expect(!page.more)
        let since = try await fixture.store.changes(since: 3, limit: 100)
        #expect(since.states.map(\.sequence) == [4])
        let none = try await fixture.store.changes(since: 4, limit: 100)
        #expect(none.states.isEmpty && none.lastSequence == 4 && !none.more)
    }

    @Test("limit and maxBytes bound a page; paging reaches every state")
    func bounds() async throws {
        let fixture = try StoreFixture()
        for index in 0..<5 { try await fixture.add("Record \(index)") }
        let limited = try await fixture.store.changes(since: 0, limit: 2)
        #expect(limited.states.map(\.sequence) == [1, 2])
        #expect(limited.more && limited.lastSequence == 2)
        // A state's events count toward the page's bytes.
        let one = limited.states[0].events.reduce(limited.states[0].json.utf8.count) { $0 + $1.utf8.count }
        let small = try await fixture.store.changes(since: 0, limit: 100, maxBytes: one * 2 + 10)
        #expect(small.states.count == 2 && small.more)
        let tiny = try await fixture.store.changes(since: 0, limit: 100, maxBytes: 1)
        #expect(tiny.states.count == 1, "a page always holds at least one state")
        var after: Int64 = 0
        var seen: [Int64] = []
        while true {
            let page = try await fixture.store.changes(since: after, limit: 2)
            seen += page.states.map(\.sequence)
            after = page.lastSequence
            if !page.more { break }
        }
        #expect(seen == [1, 2, 3, 4, 5])
    }
}
