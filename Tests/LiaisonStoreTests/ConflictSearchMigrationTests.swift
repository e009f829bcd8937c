import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// The migration that puts every value of a field in conflict in its record's search text.
@Suite("A record in conflict is found by each of its values, after the upgrade")
struct ConflictSearchMigrationTests {
    @Test("a record in conflict before the upgrade is found by the value it does not show; other records are not rewritten")
    func upgraded() async throws {
        let (today, chennai) = (try StoreFixture(), try StoreFixture(office: "chennai"))
        let settled = try await today.add("Wafer fab")
        let id = try await StoreSearchTests.titleInConflict(at: today, and: chennai)
        let directory = try MigrationTests.earlierStore(
            before: "search: a field in conflict is found by each of its values",
            copying: today.directory
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        // The release before kept the text of the values shown, and nothing else.
        let state = try #require(try await today.store.state(id: id))
        var shown = state.displaySummary
        shown.otherValues = [:]
        let oldText = SearchText.written(shown)
        let old = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await old.write { db in
            try db.execute(sql: "UPDATE record SET search = ? WHERE id = ?", arguments: [oldText, id])
            try db.refreshStaleSearch()
        }
        let others = try old.read { db in try Row.fetchAll(db, sql: "SELECT id, seq, search FROM record WHERE id != ?", arguments: [id]) }
        #expect(try await old.read { db in try Int64.fetchAll(db, sql: "SELECT rowid FROM record_fts WHERE record_fts MATCH 'cobalt*'") }.isEmpty)
        try old.close()

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(try await store.page(RecordQuery(text: "cobalt")).states.map(\.id) == [id])
        #expect(try await store.page(RecordQuery(text: "graph")).states.map(\.id) == [id])
        #expect(try await store.page(RecordQuery(text: "wafer")).states.map(\.id) == [settled.id])
        let reopened = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        #expect(
            try reopened.read { db in try Row.fetchAll(db, sql: "SELECT id, seq, search FROM record WHERE id != ?", arguments: [id]) } == others
        )
        try reopened.close()
        #expect(try StoreRecount(directory: directory).searchRowsOutOfStep() == 0)
        #expect(try StoreRecount(directory: directory).rowsUnlikeTheirStates() == 0)
    }
}
