import LiaisonCore
import Testing

@testable import LiaisonStore

@Suite("The total of a search past the count a page stops at")
struct StoreSearchTotalTests {
    /// A new record titled `title` at `office`, deleted when `deleted`.
    static func lithium(office: String, title: String = "Lithium JV", deleted: Bool = false) throws -> RecordState {
        var state = RecordState(id: RecordID.make())
        let meta = WriteMeta(author: "priya", at: 1_700_000_000_000)
        try state.write(
            [
                "type": .text(CoreSchema.types[0]), "title": .text(title), "office": .text(office),
                "tracks": .list(["ipef"]), "status": .text(CoreSchema.statuses[0]),
            ],
            readContext: .empty,
            replica: "chennai.abc123",
            meta: meta
        )
        if deleted { try state.delete(readContext: state.context, replica: "chennai.abc123", meta: meta) }
        return state
    }

    @Test("is exact at 10,000 however many deleted records also hold the word, and \"more than\" at 10,001")
    func exactAtTheLimit() async throws {
        let fixture = try StoreFixture()
        let limit = LiaisonStore.exactTotalLimit
        // Every record holds the word: the search index matches the 500 deleted ones too, so it
        // matches 10,500 records of which exactly 10,000 are live.
        try await fixture.store.mergeAll(
            (0..<limit).map { _ in try Self.lithium(office: "mumbai") } + (0..<500).map { _ in try Self.lithium(office: "mumbai", deleted: true) }
        )
        for text in ["lithium", "lith"] {
            #expect(try await fixture.store.page(RecordQuery(text: text, limit: 5)).total == .exact(limit), "q=\(text)")
            #expect(try await fixture.store.page(RecordQuery(office: "mumbai", text: text, limit: 5)).total == .exact(limit), "q=\(text)")
            #expect(try await fixture.store.page(RecordQuery(deleted: true, text: text, limit: 5)).total == .exact(500), "q=\(text)")
        }

        // One more live record, elsewhere, that names Mumbai: more than 10,000 match, with or
        // without the office it has; 10,000 of them at Mumbai still.
        try await fixture.store.mergeAll([try Self.lithium(office: "chennai", title: "Lithium JV for Mumbai")])
        #expect(try await fixture.store.page(RecordQuery(text: "lithium", limit: 5)).total == .moreThan(limit))
        #expect(try await fixture.store.page(RecordQuery(office: "mumbai", text: "lithium", limit: 5)).total == .exact(limit))
        #expect(try await fixture.store.page(RecordQuery(office: "chennai", text: "lithium", limit: 5)).total == .exact(1))
        #expect(try await fixture.store.list(RecordQuery(text: "lithium", limit: 1)).total == limit + 1)

        // One more at Mumbai: more than 10,000 there too, though the other office's record and the
        // deleted ones are left out.
        try await fixture.store.mergeAll([try Self.lithium(office: "mumbai")])
        #expect(try await fixture.store.page(RecordQuery(office: "mumbai", text: "lith", limit: 5)).total == .moreThan(limit))
        #expect(try await fixture.store.page(RecordQuery(status: CoreSchema.statuses[1], text: "lith", limit: 5)).total == .exact(0))
    }
}
