import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// Titles sort by their plain letters (``TitleSort``): a title that starts with an accented
/// letter sorts among the titles of its plain letter, not after Z.
@Suite("Titles with accents sort among their plain letters")
struct TitleSortTests {
    static let migration = "list: titles with accents sort by their plain letters"
    static let titles = ["Zinc smelter", "Ørsted offshore wind", "apple orchards JV", "Électricité de France", "Banana ripening"]
    /// ``titles`` in the order the list shows them.
    static let sorted = ["apple orchards JV", "Banana ripening", "Électricité de France", "Ørsted offshore wind", "Zinc smelter"]

    /// The titles of `store`'s list sorted by title, walked two records a page by its cursor.
    static func titlesByPages(_ store: LiaisonStore, conflictedOnly: Bool = false) async throws -> [String] {
        var titles: [String] = []
        var cursor: String?
        repeat {
            let page = try await store.page(RecordQuery(conflictedOnly: conflictedOnly, sort: .title, limit: 2, cursor: cursor))
            titles += page.states.map { $0.displaySummary.values["title"]?.textValue ?? "" }
            cursor = page.next
        } while cursor != nil
        return titles
    }

    @Test func aTitleStartingWithAnAccentSortsAmongItsPlainLetter() async throws {
        let fixture = try StoreFixture()
        var ids: [String: String] = [:]
        for title in Self.titles { ids[title] = try await fixture.add(title).id }
        #expect(try await Self.titlesByPages(fixture.store) == Self.sorted)

        // An edit moves the record to its new title's place.
        let zinc = try #require(ids["Zinc smelter"])
        let state = try #require(try await fixture.store.state(id: zinc))
        _ = try await fixture.store.update(id: zinc, ["title": .text("Ålborg zinc")], readContext: state.context, author: "asha")
        #expect(try await Self.titlesByPages(fixture.store).first == "Ålborg zinc")
    }

    /// A cursor the release before gave, at an accented title, held the title as written, which
    /// now sorts after Z: read as it was, the next page would skip every title after it.
    @Test func aCursorGivenBeforeTheUpgradeAtAnAccentedTitleGoesOnFromIt() async throws {
        let fixture = try StoreFixture()
        var ids: [String: String] = [:]
        for title in Self.titles { ids[title] = try await fixture.add(title).id }
        let title = "Électricité de France"
        let before = ListCursor(sort: .title, backward: false, key: title.databaseValue, id: try #require(ids[title]))
        let page = try await fixture.store.page(RecordQuery(sort: .title, limit: 10, cursor: before.token))
        #expect(page.states.map { $0.displaySummary.values["title"]?.textValue ?? "" } == ["Ørsted offshore wind", "Zinc smelter"])
        let backward = ListCursor(sort: .title, backward: true, key: title.databaseValue, id: try #require(ids[title]))
        let earlier = try await fixture.store.page(RecordQuery(sort: .title, limit: 10, cursor: backward.token))
        #expect(earlier.states.map { $0.displaySummary.values["title"]?.textValue ?? "" } == ["apple orchards JV", "Banana ripening"])
    }

    @Test func theListOfConflictsSortsTitlesTheSameWay() async throws {
        let fixture = try StoreFixture()
        for title in Self.titles {
            let record = try await fixture.add(title)
            let state = try #require(try await fixture.store.state(id: record.id))
            for (author, value) in [("a", 1.0), ("b", 2.0)] {
                _ = try await fixture.store.update(id: record.id, ["value_usd": .number(value)], readContext: state.context, author: author)
            }
        }
        #expect(try await Self.titlesByPages(fixture.store, conflictedOnly: true) == Self.sorted)
    }

    /// The fill writes only the rows whose sort key changes: not a title that folds to itself
    /// (a script with no plain letters), nor one whose key is already there.
    @Test func theFillWritesOnlyTheKeysThatChange() async throws {
        let fixture = try StoreFixture()
        for title in ["भारत व्यापार मिशन", "Électricité de France", "Ørsted offshore wind", "Plain title"] { _ = try await fixture.add(title) }
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        try await queue.write { db in
            try db.execute(
                sql: """
                    UPDATE record SET title_sort = NULL WHERE title LIKE 'Ø%';
                    INSERT INTO title_sort_fill (pending) VALUES (1);
                    CREATE TABLE written (title TEXT NOT NULL);
                    CREATE TRIGGER written AFTER UPDATE OF title_sort ON record BEGIN INSERT INTO written VALUES (NEW.title); END;
                    """
            )
        }
        _ = try fixture.reopen()
        #expect(try await queue.read { db in try String.fetchAll(db, sql: "SELECT title FROM written") } == ["Ørsted offshore wind"])
        #expect(try await queue.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM title_sort_fill)") } == false)
    }

    @Test("a store made by the release before sorts its accented titles after the upgrade, and only those are written")
    func upgraded() async throws {
        let today = try await MigrationTests.storeWithEveryKindOfRecord()
        for title in Self.titles { _ = try await today.fixture.add(title) }
        let directory = try MigrationTests.earlierStore(before: Self.migration, copying: today.fixture.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(LiaisonStore.fileName)
        func titles(_ sql: String) throws -> [String] {
            let queue = try DatabaseQueue(path: file.path)
            defer { try? queue.close() }
            return try queue.read { db in try String.fetchAll(db, sql: sql) }
        }
        let before = try titles("SELECT title FROM record WHERE deleted = 0 ORDER BY title COLLATE NOCASE, id")
        #expect(before.suffix(2) == ["Électricité de France", "Ørsted offshore wind"], "the release before put them after Z")

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(store.upgrade?.migrations.first == Self.migration)
        let listed = try await Self.titlesByPages(store)
        #expect(listed.filter(Self.titles.contains) == Self.sorted)
        #expect(
            try titles("SELECT title FROM record WHERE title_sort IS NOT NULL ORDER BY rowid") == ["Ørsted offshore wind", "Électricité de France"]
        )
        #expect(try titles("SELECT 'pending' FROM title_sort_fill").isEmpty, "filled once")
    }
}
