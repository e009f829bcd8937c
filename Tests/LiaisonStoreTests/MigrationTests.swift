import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// A store made by every earlier schema opens with today's code, and reads as a store made
/// today with the same data: same identity, states, display values, peers and tokens.
@Suite("Stores made by earlier schemas open")
struct MigrationTests {
    /// Every migration but the last, by name: the schema of an earlier release is the
    /// schema the first n of them make.
    static let earlierSchemas = Array(Migrations.migrator.migrations.dropLast())

    /// The last migration of the release before `migration` was made: the schema it upgrades.
    static func schema(before migration: String) -> String {
        let migrations = Migrations.migrator.migrations
        return migrations[migrations.firstIndex(of: migration)! - 1]
    }

    @Test(arguments: earlierSchemas)
    func aStoreOfAnEarlierSchemaOpensAndReadsAsToday(madeUpTo lastMigration: String) async throws {
        let today = try await Self.storeWithEveryKindOfRecord()
        let token = try await today.fixture.store.createToken(name: "asha", role: .editor)
        try await today.fixture.store.addPeer(
            PeerRecord(name: "chennai", url: "http://10.0.0.5:8080", tokenFile: "/etc/liaison/chennai.token"),
            now: 1
        )
        try await today.fixture.store.setCheckpoint(peer: "chennai.k3f9q2", direction: .pull, sequence: 42)
        let merges = StoreMergeTests()
        let bad = try merges.foreignState(merges.goodFields.merging(["value_usd": .text("lots")]) { $1 })
        for origin in [BatchOrigin.pull(from: "chennai", replicaID: "chennai.k3f9q2"), .push(claiming: "chennai.k3f9q2", token: "chennai")] {
            _ = try await today.fixture.store.merge([bad], origin: origin)
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.makeEarlierStore(
            in: directory,
            upTo: lastMigration,
            copying: today.fixture.directory.appendingPathComponent(LiaisonStore.fileName)
        )

        let store = try LiaisonStore(directory: directory, schema: .core)
        let expected = today.fixture.store
        #expect(store.identity == expected.identity)
        #expect(try await store.currentSequence() == expected.currentSequence())
        let migrations = Migrations.migrator.migrations
        let hadTheLog = migrations.firstIndex(of: lastMigration)! >= migrations.firstIndex(of: "history: write log")!
        for id in today.ids {
            #expect(try await store.state(id: id) == expected.state(id: id))
            // A write log the store kept reads as it was written (one is made from the states where there was none).
            if hadTheLog { #expect(try await store.events(id: id) == expected.events(id: id)) }
            #expect(try await store.events(id: id).isEmpty == false)
        }
        // Display values read as today's, filled on open where the schema had none.
        #expect(try await store.displayedRecords() == expected.displayedRecords())
        #expect(try Self.column("display", of: directory) == Self.column("display", of: today.fixture.directory))
        #expect(try Self.reportFacts(of: directory) == Self.reportFacts(of: today.fixture.directory))
        #expect(try StoreRecount(directory: directory).searchRowsOutOfStep() == 0)
        #expect(try StoreRecount(directory: directory).rowsUnlikeTheirStates() == 0)
        let recount = StoreRecount(directory: directory)
        #expect(try recount.kept() == recount.recounted())
        #expect(try await store.page(RecordQuery(text: "lith")).states.map(\.id) == [today.ids[0]])
        #expect(try await store.checkpoint(peer: "chennai.k3f9q2", direction: .pull) == 42)
        // A checkpoint of an earlier schema is not inside a record's events, and can be from now on.
        #expect(try await store.eventsCursor(peer: "chennai.k3f9q2", direction: .pull) == nil)
        let inside = EventCursor(recordID: today.ids[0], sequence: 3, replica: store.identity.replicaID, counter: 2)
        try await store.setCheckpoint(peer: "chennai.k3f9q2", direction: .pull, sequence: 42, eventsAfter: inside)
        #expect(try await store.eventsCursor(peer: "chennai.k3f9q2", direction: .pull) == inside)
        // Quarantined states read as kept, each in the room today's code gives its source.
        if migrations.firstIndex(of: lastMigration)! >= migrations.firstIndex(of: "intake: quarantine")! {
            #expect(try await store.quarantine(limit: 10_000).entries == expected.quarantine(limit: 10_000).entries)
            #expect(try Self.quarantineRooms(of: directory) == Self.quarantineRooms(of: today.fixture.directory))
        }
        if lastMigration != Migrations.migrator.migrations[0] {  // the first made no peer or token tables
            #expect(try await store.peers() == expected.peers())
            #expect(try await store.authenticate(token: token) == .accepted(name: "asha", role: .editor))
        }

        // It takes writes, at the next sequence, and opens again as it is.
        let values = try store.schema.parseAssignments(["type=event", "title=Trade show in Zanzibar", "tracks=sccp"])
        let made = try await store.create(values, author: "ravi")
        #expect(try await store.currentSequence() == expected.currentSequence() + 1)
        #expect(try await store.page(RecordQuery(text: "zanzi")).states.map(\.id) == [made.id])
        #expect(try StoreRecount(directory: directory).searchRowsOutOfStep() == 0)
        let reopened = try LiaisonStore(directory: directory, schema: .core)
        #expect(try await reopened.displayedRecords().count == expected.displayedRecords().count + 1)
    }

    /// An earlier release marked a record deleted when the delete in conflict with an edit was
    /// the later write, hiding it from lists; after the upgrade it is listed, with its counts
    /// and report facts as a store made today keeps them.
    @Test func aRecordWhoseDeleteIsInConflictIsListedAfterTheUpgrade() async throws {
        let today = try StoreFixture()
        let chennai = try StoreFixture(office: "chennai")
        let id = try await today.editedWhileDeletedLater(at: chennai)
        let directory = try Self.earlierStore(before: "lists: a delete in conflict with an edit leaves the record listed", copying: today.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await old.write { db in try db.execute(sql: "UPDATE record SET deleted = 1 WHERE id = ?", arguments: [id]) }
        try old.close()

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(try await store.page(RecordQuery()).states.map(\.id) == [id])
        #expect(try await store.page(RecordQuery(deleted: true)).states.isEmpty)
        #expect(try StoreRecount(directory: directory).rowsUnlikeTheirStates() == 0)
        let recount = StoreRecount(directory: directory)
        #expect(try recount.kept() == recount.recounted())
        #expect(try Self.reportFacts(of: directory) == Self.reportFacts(of: today.directory))
    }

    /// A node stopped after migration v2 committed and before the display values were filled
    /// (a crash) fills them when it next opens.
    @Test func displayValuesLeftUnfilledAreFilledOnTheNextOpen() async throws {
        let today = try await Self.storeWithEveryKindOfRecord()
        let filled = try Self.column("display", of: today.fixture.directory)
        let facts = try Self.reportFacts(of: today.fixture.directory)
        let queue = try DatabaseQueue(path: today.fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await queue.write { db in try db.execute(sql: "UPDATE record SET display = '{}'") }
        try queue.close()

        let reopened = try today.fixture.reopen()
        #expect(try Self.column("display", of: today.fixture.directory) == filled)
        #expect(try await reopened.displayedRecords() == today.fixture.store.displayedRecords())
        #expect(try Self.reportFacts(of: today.fixture.directory) == facts)
    }

    /// A store (or a backup) a newer release migrated is refused, by name, and left as it was;
    /// an older release's store opens (the test above).
    @Test func aStoreFromANewerReleaseIsRefusedAndLeftAsItWas() async throws {
        let fixture = try StoreFixture()
        _ = try await fixture.add()
        let backup = fixture.elsewhere.appendingPathComponent("backup.sqlite")
        try await fixture.store.backup(to: backup)
        for file in [fixture.directory.appendingPathComponent(LiaisonStore.fileName), backup] {
            let queue = try DatabaseQueue(path: file.path)
            try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from a later release')") }
            try queue.close()
        }
        #expect {
            try fixture.reopen()
        } throws: { error in
            "\(error)".contains("upgraded by a newer release") && "\(error)".contains("v99: from a later release")
        }
        let target = fixture.directory.appendingPathComponent("restored")
        #expect { try LiaisonStore.restore(from: backup, into: target) } throws: { "\($0)".contains("newer release") }
        let queue = try DatabaseQueue(path: backup.path)
        #expect(
            try await queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }.contains(
                "v99: from a later release"
            )
        )
    }

    /// A store holding a plain record, an edited one, a deleted one and one in conflict.
    static func storeWithEveryKindOfRecord() async throws -> (fixture: StoreFixture, ids: [String]) {
        let fixture = try StoreFixture()
        let plain = try await fixture.add("Lithium JV", "value_usd=2500000", "us_party=Albemarle")
        let edited = try await fixture.add("Fab partnership")
        _ = try await fixture.store.update(
            id: edited.id,
            try fixture.values("status=contacted", "notes=Met at SEMICON"),
            readContext: nil,
            author: "ravi"
        )
        let deleted = try await fixture.add("Cancelled mission")
        _ = try await fixture.store.delete(id: deleted.id, readContext: nil, author: "ravi")

        // Chennai edits the same field concurrently: a conflict on status.
        let chennai = try StoreFixture(office: "chennai")
        let disputed = try await fixture.add("Rare earths MOU")
        _ = try await chennai.store.merge([disputed], from: fixture.store.identity.replicaID)
        _ = try await fixture.store.update(id: disputed.id, try fixture.values("status=mou_signed"), readContext: nil, author: "asha")
        let theirs = try await chennai.store.update(
            id: disputed.id,
            try chennai.values("status=on_hold"),
            readContext: nil,
            author: "priya"
        )
        _ = try await fixture.store.merge([theirs], from: chennai.store.identity.replicaID)
        #expect(try await fixture.store.state(id: disputed.id)?.conflictedFields.isEmpty == false)
        return (fixture, [plain.id, edited.id, deleted.id, disputed.id])
    }

    /// A backup an earlier release made restores: the restore's check of a backup's schema
    /// (nothing that no release makes) takes what that release's migrations made.
    @Test(arguments: earlierSchemas)
    func aBackupOfAnEarlierSchemaRestores(madeUpTo lastMigration: String) async throws {
        let today = try await Self.storeWithEveryKindOfRecord()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.makeEarlierStore(in: directory, upTo: lastMigration, copying: today.fixture.directory.appendingPathComponent(LiaisonStore.fileName))

        let target = directory.appendingPathComponent("restored")
        let (_, summary) = try LiaisonStore.restore(from: directory.appendingPathComponent(LiaisonStore.fileName), into: target)
        #expect(summary.records + summary.deletedRecords == today.ids.count)
        let restored = try LiaisonStore(directory: target, schema: .core)
        for id in today.ids { #expect(try await restored.state(id: id) == today.fixture.store.state(id: id)) }
    }

    /// A new temporary directory holding the store of the release before `migration`, with the
    /// rows of the store in `source` (``makeEarlierStore(in:upTo:copying:)``); the caller removes it.
    static func earlierStore(before migration: String, copying source: URL) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-migration-\(UUID().uuidString)")
        try makeEarlierStore(in: directory, upTo: schema(before: migration), copying: source.appendingPathComponent(LiaisonStore.fileName))
        return directory
    }

    /// Makes, in `directory`, the store an earlier release made: the schema the migrations up
    /// to `lastMigration` make (their SQL is frozen), holding the rows of `source` in the
    /// columns that schema has, as that release wrote them.
    static func makeEarlierStore(in directory: URL, upTo lastMigration: String, copying source: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        let today = try DatabaseQueue(path: source.path)
        try Migrations.migrator.migrate(old, upTo: lastMigration)
        try old.write { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                    AND name NOT LIKE 'record_fts%' AND name NOT IN ('record_count', 'record_combination_count', 'report_fact', 'report_overview_count')
                    """
            )
            // The search index, the kept counts and the report facts are filled by triggers as the
            // records go in (or by the migrations that make them).
            for table in tables {
                let columns = try db.columns(in: table).map(\.name)
                let list = columns.joined(separator: ", ")
                let rows = try today.read { try Row.fetchAll($0, sql: "SELECT \(list) FROM \(table)") }
                let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                for row in rows {
                    try db.execute(
                        sql: "INSERT INTO \(table) (\(list)) VALUES (\(marks))",
                        arguments: StatementArguments(row.databaseValues)
                    )
                }
            }
            // Since "search: a new record's words indexed at the end of its transaction" the
            // insert trigger notes each record for the search index, and the release indexed
            // them as its transaction ended.
            if try db.tableExists("search_stale"), try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM search_stale)")! {
                try db.refreshStaleSearch()
            }
        }
        try old.close()
        try today.close()
    }

    /// Every row of the report facts, in sequence order.
    static func reportFacts(of directory: URL) throws -> [Row] {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        return try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM report_fact ORDER BY seq") }
    }

    /// The source and room of every quarantine entry, in the order they were kept.
    static func quarantineRooms(of directory: URL) throws -> [[String]] {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT source, room FROM quarantine ORDER BY id").map { [$0[0], $0[1]] }
        }
    }

    /// `column` of every record, by id.
    static func column(_ column: String, of directory: URL) throws -> [String: String] {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, \(column) FROM record").map {
                    ($0[0] as String, $0[1] as String)
                }
            )
        }
    }
}
