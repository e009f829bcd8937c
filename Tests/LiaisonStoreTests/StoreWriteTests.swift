import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Store writes")
struct StoreWriteTests {
    @Test("create fills office and status, and takes sequence 1")
    func create() async throws {
        let fixture = try StoreFixture(office: "chennai")
        let record = try await fixture.add("Wafer fab", "value_usd=2500000")
        let view = RecordView(record)
        #expect(view.fields["office"] == .text("chennai"))
        #expect(view.fields["status"] == .text("identified"))
        #expect(view.fields["value_usd"] == .number(2_500_000))
        #expect(try await fixture.store.currentSequence() == 1)
        #expect(try await fixture.store.state(id: record.id) == record)
    }

    @Test("update, delete, resolve each take the next sequence")
    func writes() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let record = try await fixture.add()
        let updated = try await store.update(
            id: record.id,
            try fixture.values("status=contacted"),
            readContext: nil,
            author: "ravi"
        )
        #expect(updated.displayValue(of: "status") == .text("contacted"))
        #expect(updated.conflictedFields.isEmpty)
        let deleted = try await store.delete(id: record.id, readContext: nil, author: "ravi")
        #expect(deleted.isDeleted)
        let restored = try await store.resolve(id: record.id, [deletedField: .bool(false)], author: "asha")
        #expect(!restored.isDeleted)
        #expect(try await store.currentSequence() == 4)
        let page = try await store.changes(since: 0, limit: 10)
        #expect(page.states.map(\.sequence) == [4])
    }

    @Test("a write or an import with a blank author, or one with a control character, is refused and changes nothing")
    func blankAuthor() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        let before = try await fixture.snapshot()
        let sheet = "type,title,tracks\ninvestment,Wafer fab,semiconductors\n"
        let plan = ImportPlan(table: try CSVReader.read(sheet), schema: fixture.store.schema, map: [:])
        for author in ["", "   ", "\u{3000}", "asha\u{1B}[2J"] {
            await #expect(throws: ValidationError.self, "\(author.debugDescription)") {
                try await fixture.store.importRecords(plan, hash: LiaisonStore.importHash(of: sheet), fileName: "a.csv", author: author)
            }
            await #expect(throws: ValidationError.self, "\(author.debugDescription)") {
                try await fixture.store.update(id: record.id, try fixture.values("notes=x"), readContext: nil, author: author)
            }
            await #expect(throws: ValidationError.self, "\(author.debugDescription)") {
                try await fixture.add(author: author)
            }
        }
        #expect(try await fixture.snapshot() == before)
    }

    @Test("an edit of a record its writer saw deleted is refused")
    func editOfDeleted() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        _ = try await fixture.store.delete(id: record.id, readContext: nil, author: "asha")
        let before = try await fixture.snapshot()
        await #expect(throws: StoreError.self) {
            try await fixture.store.update(id: record.id, try fixture.values("notes=x"), readContext: nil, author: "a")
        }
        #expect(try await fixture.snapshot() == before)
    }

    @Test("two staff at one node who read the same version and write the same field conflict")
    func staleWritesConflict() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let record = try await fixture.add()
        let read = record.version.context
        async let first = store.update(id: record.id, try fixture.values("status=contacted"), readContext: read, author: "asha")
        async let second = store.update(id: record.id, try fixture.values("status=on_hold"), readContext: read, author: "ravi")
        _ = try await (first, second)
        let state = try #require(try await store.state(id: record.id))
        #expect(state.conflictedFields == ["status"])
        let values = Set(state.entries(of: "status").map(\.value))
        #expect(values == [.text("contacted"), .text("on_hold")])
        let authors = Set(RecordView(state).conflicts["status"]!.map(\.author))
        #expect(authors == ["asha", "ravi"])
    }

    @Test("stale writes of different fields are both kept, with no conflict")
    func staleWritesOfDifferentFields() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        let read = record.version.context
        _ = try await fixture.store.update(id: record.id, try fixture.values("status=contacted"), readContext: read, author: "a")
        let state = try await fixture.store.update(
            id: record.id,
            try fixture.values("value_usd=10"),
            readContext: read,
            author: "b"
        )
        #expect(state.conflictedFields.isEmpty)
        #expect(state.displayValue(of: "status") == .text("contacted"))
        #expect(state.displayValue(of: "value_usd") == .number(10))
    }

    @Test("resolve settles a conflict against the whole current version")
    func resolveSettles() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let record = try await fixture.add()
        let read = record.version.context
        _ = try await store.update(id: record.id, try fixture.values("status=contacted"), readContext: read, author: "a")
        _ = try await store.update(id: record.id, try fixture.values("status=on_hold"), readContext: read, author: "b")
        let resolved = try await store.resolve(id: record.id, try fixture.values("status=on_hold"), author: "c")
        #expect(resolved.conflictedFields.isEmpty)
        #expect(resolved.entries(of: "status").count == 1)
        #expect(resolved.displayValue(of: "status") == .text("on_hold"))
    }

    @Test("a store reopened keeps its identity and data")
    func reopen() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add("Kept")
        let reopened = try fixture.reopen()
        #expect(reopened.identity == fixture.store.identity)
        #expect(try await reopened.state(id: record.id) == record)
        #expect(try await reopened.currentSequence() == 1)
    }

    @Test("a store initialised again after its files were deleted has a new replica id")
    func reinitialiseGetsNewReplica() async throws {
        let fixture = try StoreFixture()
        let old = fixture.store.identity.replicaID
        #expect(old.hasPrefix("mumbai."))
        #expect(throws: StoreError.self) { try LiaisonStore.initialise(directory: fixture.directory, office: "mumbai") }
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path) {
            try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent(name))
        }
        let again = try LiaisonStore.initialise(directory: fixture.directory, office: "mumbai")
        #expect(again.replicaID != old)
        #expect(again.replicaID.hasPrefix("mumbai."))
        #expect(try fixture.reopen().identity.replicaID == again.replicaID)
    }

    @Test("opening a directory without a store says to run init")
    func notInitialised() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-none-\(UUID().uuidString)")
        let error = #expect(throws: StoreError.self) { try LiaisonStore(directory: directory, schema: .core) }
        #expect(error?.code == .notInitialised)
        #expect(error?.message.contains("liaison init") == true)
    }
}
