import LiaisonCore
import LiaisonStore
import Testing

@Suite("Store lists")
struct StoreListTests {
    /// Four records: two in Mumbai, one in Chennai, one deleted; one with a conflict.
    func fixture() async throws -> (StoreFixture, [String: String]) {
        let fixture = try StoreFixture()
        let store = fixture.store
        var ids: [String: String] = [:]
        ids["lithium"] = try await fixture.add("Lithium JV", "status=contacted", "us_party=Albemarle").id
        ids["wafer"] = try await store.create(
            try fixture.values(
                "type=joint_venture",
                "title=Wafer fab",
                "tracks=semiconductors,sccp",
                "office=chennai",
                "status=in_discussion"
            ),
            author: "a"
        ).id
        ids["gone"] = try await fixture.add("Gone", "status=contacted").id
        _ = try await store.delete(id: ids["gone"]!, readContext: nil, author: "a")
        let torn = try await fixture.add("Torn", "status=on_hold")
        ids["torn"] = torn.id
        _ = try await store.update(id: torn.id, try fixture.values("notes=one"), readContext: torn.version.context, author: "a")
        _ = try await store.update(id: torn.id, try fixture.values("notes=two"), readContext: torn.version.context, author: "b")
        return (fixture, ids)
    }

    func titles(_ store: LiaisonStore, _ query: RecordQuery) async throws -> Set<String> {
        Set(try await store.list(query).states.compactMap { $0.displayValue(of: "title")?.textValue })
    }

    @Test("filters by track, office, status, conflicted, deleted and text")
    func filters() async throws {
        let (fixture, _) = try await fixture()
        let store = fixture.store
        #expect(try await titles(store, RecordQuery()) == ["Lithium JV", "Wafer fab", "Torn"])
        #expect(try await titles(store, RecordQuery(track: "sccp")) == ["Wafer fab"])
        #expect(try await titles(store, RecordQuery(track: "critical_minerals")) == ["Lithium JV", "Torn"])
        #expect(try await titles(store, RecordQuery(office: "chennai")) == ["Wafer fab"])
        #expect(try await titles(store, RecordQuery(status: "contacted")) == ["Lithium JV"])
        #expect(try await titles(store, RecordQuery(conflictedOnly: true)) == ["Torn"])
        #expect(try await titles(store, RecordQuery(deleted: true)) == ["Gone"])
        #expect(try await titles(store, RecordQuery(text: "albemarle")) == ["Lithium JV"])
        #expect(try await titles(store, RecordQuery(office: "kolkata")).isEmpty)
        let counts = try await store.counts()
        #expect(counts.records == 3 && counts.conflicted == 1 && counts.deleted == 1)
    }

    @Test("conflicted lists records in conflict, deleted or not; with deleted, only the deleted ones")
    func conflictedAndDeleted() async throws {
        let (fixture, _) = try await fixture()
        let store = fixture.store
        let torn = try await fixture.add("Torn and gone", "status=on_hold")
        _ = try await store.update(id: torn.id, try fixture.values("notes=one"), readContext: torn.version.context, author: "a")
        _ = try await store.update(id: torn.id, try fixture.values("notes=two"), readContext: torn.version.context, author: "b")
        _ = try await store.delete(id: torn.id, readContext: nil, author: "a")

        #expect(try await titles(store, RecordQuery(conflictedOnly: true)) == ["Torn", "Torn and gone"])
        #expect(try await titles(store, RecordQuery(conflictedOnly: true, deleted: true)) == ["Torn and gone"])
        #expect(try await titles(store, RecordQuery(deleted: true)) == ["Gone", "Torn and gone"])
        for sort in RecordQuery.Sort.allCases {
            let page = try await store.page(RecordQuery(conflictedOnly: true, deleted: true, sort: sort))
            #expect(page.states.map(\.id) == [torn.id] && page.total == .exact(1), "sorted by \(sort)")
            let both = try await store.page(RecordQuery(conflictedOnly: true, sort: sort))
            #expect(both.states.count == 2 && both.total == .exact(2), "sorted by \(sort)")
        }
        let searched = try await store.page(RecordQuery(conflictedOnly: true, deleted: true, text: "torn"))
        #expect(searched.states.map(\.id) == [torn.id] && searched.total == .exact(1))
    }

    /// docs/design.md §4: Chennai edits while Mumbai deletes the same version a moment later.
    /// After they sync, the edited record is listed and found at both, marked conflicted, and
    /// not among the deleted, until someone resolves it.
    @Test("a record deleted at one office while edited at another stays listed and found")
    func editAgainstALaterDeleteStaysListed() async throws {
        let mumbai = try StoreFixture()
        let chennai = try StoreFixture(office: "chennai")
        let id = try await mumbai.editedWhileDeletedLater(at: chennai)

        for office in [chennai, mumbai] {
            let store = office.store
            #expect(try await titles(store, RecordQuery()) == ["Lithium JV"])
            #expect(try await titles(store, RecordQuery(text: "lithium")) == ["Lithium JV"])
            #expect(try await titles(store, RecordQuery(conflictedOnly: true)) == ["Lithium JV"])
            #expect(try await titles(store, RecordQuery(deleted: true)).isEmpty)
            let counts = try await store.counts()
            #expect(counts.records == 1 && counts.deleted == 0 && counts.conflicted == 1)
            let recount = StoreRecount(directory: office.directory)
            #expect(try recount.kept() == recount.recounted())
        }

        _ = try await chennai.store.resolve(id: id, [deletedField: .bool(true)], author: "priya")
        #expect(try await titles(chennai.store, RecordQuery()).isEmpty)
        #expect(try await titles(chennai.store, RecordQuery(deleted: true)) == ["Lithium JV"])
    }

    @Test("limit and offset page through the list; total counts every match")
    func paging() async throws {
        let (fixture, _) = try await fixture()
        let first = try await fixture.store.list(RecordQuery(sort: .title, limit: 2))
        let second = try await fixture.store.list(RecordQuery(sort: .title, limit: 2, offset: 2))
        #expect(first.total == 3 && second.total == 3)
        let titles = (first.states + second.states).compactMap { $0.displayValue(of: "title")?.textValue }
        #expect(titles == ["Lithium JV", "Torn", "Wafer fab"])
    }
}
