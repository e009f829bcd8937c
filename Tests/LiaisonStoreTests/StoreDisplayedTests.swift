import Foundation
import GRDB
import LiaisonCore
import LiaisonStore
import Testing

/// The display values the store keeps beside each state, which reports read instead of
/// decoding states: always what the state itself displays.
@Suite("Displayed records")
struct StoreDisplayedTests {
    /// What a report must see for `state`, computed from the state itself.
    func expected(_ state: RecordState) -> DisplayedRecord? {
        state.isDeleted
            ? nil
            : DisplayedRecord(
                id: state.id,
                values: state.displayValues,
                conflicted: !state.conflictedFields.isEmpty,
                updatedAt: state.updatedAt
            )
    }

    /// Every stored state, decoded.
    func states(_ store: LiaisonStore) async throws -> [RecordState] {
        try await store.changes(since: 0, limit: 100_000).states.map { try RecordState(json: Data($0.json.utf8)) }
    }

    @Test("edits, deletes, conflicts from a merge and resolutions all show as the state displays them")
    func followsEveryKindOfWrite() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let kept = try await fixture.add("Lithium JV", "value_usd=2500000", "status=identified")
        let gone = try await fixture.add("Cobalt refinery")
        _ = try await store.update(id: kept.id, try fixture.values("status=contacted"), readContext: kept.context, author: "asha")
        _ = try await store.delete(id: gone.id, readContext: nil, author: "asha")

        // A concurrent edit from Chennai, from the version before ours: a conflict on status.
        var theirs = kept
        try theirs.write(
            ["status": .text("in_discussion")],
            readContext: kept.context,
            replica: "chennai.abc123",
            meta: WriteMeta(author: "priya", at: IntakeLimits.latestAt - 1)
        )
        _ = try await store.merge([theirs], from: "chennai.abc123")

        var displayed = try await store.displayedRecords()
        #expect(displayed.map(\.id) == [kept.id], "the deleted record is left out")
        #expect(displayed == (try await states(store)).compactMap(expected))
        #expect(displayed[0].conflicted)
        #expect(displayed[0].values["status"] == .text("in_discussion"), "the later write is shown")
        #expect(displayed[0].values["value_usd"] == .number(2_500_000))

        _ = try await store.resolve(id: kept.id, try fixture.values("status=contacted"), author: "asha")
        displayed = try await store.displayedRecords()
        #expect(displayed == (try await states(store)).compactMap(expected))
        #expect(!displayed[0].conflicted && displayed[0].values["status"] == .text("contacted"))
    }

    @Test("a store made before the display column gets it filled from its states when opened")
    func migrationFillsExistingRecords() async throws {
        let fixture = try StoreFixture()
        let first = try await fixture.add("Lithium JV", "notes=line one\nline \"two\"", "value_usd=12.5")
        let second = try await fixture.store.create(
            try fixture.values("type=investment", "title=Semiconductor fab", "tracks=semiconductors,sccp"),
            author: "ravi"
        )
        let expectedRecords = (try await states(fixture.store)).compactMap(expected)

        // Make the file as the previous version left it: no display column (nor the search
        // index and the report facts built from it), migrations not run.
        let file = fixture.directory.appendingPathComponent("liaison.sqlite").path
        let queue = try DatabaseQueue(path: file)
        try await queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER record_fts_insert; DROP TRIGGER record_fts_update; DROP TRIGGER record_fts_delete;
                    DROP TABLE record_fts;
                    DROP TRIGGER report_fact_insert; DROP TRIGGER report_fact_update; DROP TRIGGER report_fact_delete;
                    DROP TABLE report_fact;
                    ALTER TABLE record DROP COLUMN display;
                    DELETE FROM grdb_migrations
                        WHERE identifier LIKE 'v2:%' OR identifier LIKE 'scale: full-text%' OR identifier LIKE 'reports: facts%'
                            OR identifier LIKE 'scale: search reads%';
                    """
            )
        }
        try queue.close()

        let reopened = try fixture.reopen()
        let displayed = try await reopened.displayedRecords()
        #expect(displayed == expectedRecords)
        #expect(displayed.map(\.id) == [first.id, second.id])
        #expect(displayed[1].values["tracks"] == .list(["sccp", "semiconductors"]))
        #expect(try await reopened.page(RecordQuery(text: "semicon")).states.map(\.id) == [second.id], "the search index is built")
        let facts = try DatabaseQueue(path: file)
        defer { try? facts.close() }
        let tracks = try await facts.read { db in try String.fetchAll(db, sql: "SELECT tracks FROM report_fact ORDER BY seq") }
        #expect(tracks == [",critical_minerals,", ",sccp,semiconductors,"], "the report facts are built")
    }
}
