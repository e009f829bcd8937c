import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Every kind of bad input gets an error naming the field or record and the problem, and
/// leaves the store exactly as it was (same sequence, same changes feed).
@Suite("Bad input")
struct StoreBadInputTests {
    @Test(
        "bad values are refused at parse time, naming the field and the problem",
        arguments: [
            ("bogus=1", "bogus: unknown field"),
            ("value_usd=abc", #"value_usd: must be a number ≥ 0, got "abc""#),
            ("value_usd=-3", "value_usd: must be a number ≥ 0"),
            ("underserved_owned=maybe", "underserved_owned: must be true or false"),
            ("opened_on=2026-02-30", "opened_on: must be a date YYYY-MM-DD"),
            ("opened_on=01/03/2026", "opened_on: must be a date YYYY-MM-DD"),
            ("status=won", "status: must be one of"),
            ("tracks=not_a_track", "tracks: must be a list of values from"),
            ("naics=12a", "naics: must be 2 to 6 digits"),
            ("title=" + String(repeating: "x", count: 201), "title: must be at most 200 characters"),
            ("deleted=true", "deleted: unknown field (use delete)"),
            ("novalue", "novalue: expected FIELD=VALUE"),
        ]
    )
    func badValues(assignment: String, expected: String) throws {
        let error = #expect(throws: ValidationError.self) { try Schema.core.parseAssignments([assignment]) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
    }

    @Test("every problem of a write is reported at once")
    func allProblems() throws {
        let error = #expect(throws: ValidationError.self) {
            try Schema.core.parseAssignments(["bogus=1", "value_usd=abc", "title=ok", "title=again"])
        }
        #expect(error?.issues.map(\.field) == ["bogus", "value_usd", "title"])
    }

    @Test("bad writes leave the store unchanged")
    func badWritesChangeNothing() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let record = try await fixture.add()
        let before = try await fixture.snapshot()

        // Unknown field and wrongly typed values reaching the store directly.
        await #expect(throws: ValidationError.self) {
            try await store.update(id: record.id, ["bogus": .text("x")], readContext: nil, author: "a")
        }
        await #expect(throws: ValidationError.self) {
            try await store.update(id: record.id, ["value_usd": .text("abc")], readContext: nil, author: "a")
        }
        await #expect(throws: ValidationError.self) {
            try await store.update(id: record.id, ["opened_on": .text("2026-13-01")], readContext: nil, author: "a")
        }
        // A required field cleared.
        await #expect(throws: ValidationError.self) {
            try await store.update(id: record.id, ["title": .null], readContext: nil, author: "a")
        }
        // Creating without required fields.
        let missing = await #expect(throws: ValidationError.self) {
            try await store.create(["title": .text("Only a title")], author: "a")
        }
        #expect(missing?.description.contains("type: is required") == true)
        // Unknown record, for every kind of write.
        for attempt in [
            { try await store.update(id: "no-such", ["notes": .text("x")], readContext: nil, author: "a") },
            { try await store.delete(id: "no-such", readContext: nil, author: "a") },
            { try await store.resolve(id: "no-such", ["notes": .text("x")], author: "a") },
        ] as [@Sendable () async throws -> RecordState] {
            let error = await #expect(throws: StoreError.self) { _ = try await attempt() }
            #expect(error?.code == .notFound)
            #expect(error?.message == "no record no-such")
        }
        // A resolution of `deleted` that is not a boolean, and a resolution with nothing.
        await #expect(throws: ValidationError.self) {
            try await store.resolve(id: record.id, [deletedField: .text("maybe")], author: "a")
        }
        await #expect(throws: ValidationError.self) { try await store.resolve(id: record.id, [:], author: "a") }
        #expect(try await fixture.snapshot() == before)
    }

    @Test(
        "version tokens that do not decode are refused with a clear error",
        arguments: [
            "", "not a token!", "Zm9v", "MXxtdW1iYWk6MA",
        ]
    )
    func badTokens(token: String) {
        let error = #expect(throws: VersionTokenError.self) { try VersionToken(decoding: token) }
        #expect(error?.description.hasPrefix("invalid version token") == true)
    }

    @Test("a token read at another node (dots not yet here) is accepted: those writes become a conflict")
    func tokenFromElsewhere() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        var read = record.version.context
        read.add(Dot(replica: "chennai.zzz999", counter: 4))
        let token = VersionToken(context: read).description
        let decoded = try VersionToken(decoding: token).context
        let state = try await fixture.store.update(
            id: record.id,
            try fixture.values("status=contacted"),
            readContext: decoded,
            author: "a"
        )
        #expect(state.displayValue(of: "status") == .text("contacted"))
    }

    @Test("unknown office at init is refused and makes no store")
    func badOffice() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: StoreError.self) { try LiaisonStore.initialise(directory: directory, office: "pune") }
        #expect(error?.message.contains("unknown office \"pune\"") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(LiaisonStore.fileName).path))
    }
}
