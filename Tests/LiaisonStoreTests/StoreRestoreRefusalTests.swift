import Foundation
import GRDB
import LiaisonCore
import LiaisonStore
import Testing

/// A restore makes a node only of a file as a node writes it, into a directory with nothing of
/// another store left in it; anything else is refused, naming it, and leaves no store behind.
@Suite("Backup and restore: what a restore refuses")
struct StoreRestoreRefusalTests {
    /// A backup of a store holding two records.
    static func backup(_ fixture: StoreFixture) async throws -> URL {
        _ = try await fixture.add()
        _ = try await fixture.add("Second")
        let backup = fixture.elsewhere.appendingPathComponent("backup.sqlite")
        try await fixture.store.backup(to: backup)
        return backup
    }

    /// Whether restoring `backup` into a new directory is refused with an error saying `words`,
    /// leaving no store there.
    static func refused(_ backup: URL, _ fixture: StoreFixture, saying words: String) throws -> Bool {
        let target = fixture.directory.appendingPathComponent("restored-\(UUID().uuidString)")
        var said = ""
        do { _ = try LiaisonStore.restore(from: backup, into: target) } catch { said = "\(error)" }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        return said.contains(words) && left.isEmpty
    }

    /// SQLite applies a log it finds beside a store: the old store's log broke the restored one
    /// (`database disk image is malformed` at the next open), after a restore that said it worked.
    @Test func aDirectoryHoldingAGoneStoresLogIsRefusedAndItsLogKept() async throws {
        let fixture = try StoreFixture()
        let backup = try await Self.backup(fixture)
        let target = fixture.directory.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let log = target.appendingPathComponent(LiaisonStore.fileName + "-wal")
        try Data(repeating: 7, count: 4_096).write(to: log)
        #expect {
            try LiaisonStore.restore(from: backup, into: target)
        } throws: { error in
            "\(error)".contains("holds liaison.sqlite-wal of a store that is no longer there") && "\(error)".contains("Move it away")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [LiaisonStore.fileName + "-wal"])
        try FileManager.default.removeItem(at: log)
        _ = try LiaisonStore.restore(from: backup, into: target)
        #expect(try await LiaisonStore(directory: target, schema: .core).count(matching: RecordQuery()) == 2)
    }

    /// A trigger that put the old replica id back made the restored node number its writes as
    /// the old node did, and lose them at its peers; any object no migration makes would run.
    @Test(arguments: [
        (
            "CREATE TRIGGER keep_id AFTER UPDATE OF replica_id ON node BEGIN UPDATE node SET replica_id = old.replica_id; END",
            #"the trigger "keep_id""#
        ),
        ("CREATE VIEW everything AS SELECT * FROM record", #"the view "everything""#),
        (
            "DROP TRIGGER record_count_insert; CREATE TRIGGER record_count_insert AFTER INSERT ON record BEGIN DELETE FROM account; END",
            #"the trigger "record_count_insert""#
        ),
        (
            "INSERT INTO set_aside (name, sql) VALUES ('evil', 'CREATE TRIGGER evil AFTER INSERT ON record BEGIN DELETE FROM record; END')",
            #"a set-aside object "evil""#
        ),
    ])
    func aBackupWithSchemaNoReleaseMakesIsRefused(change: String, named: String) async throws {
        let fixture = try StoreFixture()
        let backup = try await Self.backup(fixture)
        try await DatabaseQueue(path: backup.path).write { db in try db.execute(sql: change) }
        #expect(try Self.refused(backup, fixture, saying: "holds \(named), which no release of Liaison makes"))
    }

    /// Each of these stopped `liaison restore` (a NULL or text read as a number, a sum that
    /// overflowed), or made a node that failed later.
    @Test(arguments: [
        ("UPDATE node SET sequence = 'lots'", #"its node's sequence is "lots""#),
        ("UPDATE node SET sequence = 9223372036854775807", "its node's sequence is 9223372036854775807"),
        ("UPDATE node SET sequence = 1", "a record has sequence 2, past its node's 1"),
        ("UPDATE node SET office = 'atlantis'", #"its node's office is "atlantis", not one of"#),
        ("UPDATE node SET replica_id = 'no good'", #"its node's replica id is "no good""#),
        ("UPDATE record SET deleted = -9223372036854775808 WHERE seq = 1", "1 of its records has no state JSON, or a deleted mark other than 0 or 1"),
        ("UPDATE record SET state = 'not json' WHERE seq = 2", "1 of its records has no state JSON, or a deleted mark other than 0 or 1"),
    ])
    func aBackupHoldingWhatNoNodeWritesIsRefused(change: String, problem: String) async throws {
        let fixture = try StoreFixture()
        let backup = try await Self.backup(fixture)
        try await DatabaseQueue(path: backup.path).write { db in try db.execute(sql: change) }
        #expect(try Self.refused(backup, fixture, saying: "does not hold what a node writes: \(problem)"))
    }

    /// A state that was JSON but not a record's restored "2 records" into a node that could list
    /// none of them; one record's state under another's id would have shown the wrong record.
    @Test(arguments: [
        ("UPDATE record SET state = '{}' WHERE seq = 2", "has a state a node cannot read (malformed state JSON"),
        ("UPDATE record SET state = (SELECT state FROM record WHERE seq = 1) WHERE seq = 2", "holds the state of record"),
    ])
    func aBackupWithAStateNoNodeCanReadIsRefused(change: String, problem: String) async throws {
        let fixture = try StoreFixture()
        let backup = try await Self.backup(fixture)
        let id = try await DatabaseQueue(path: backup.path).write { db in
            try db.execute(sql: change)
            return try String.fetchOne(db, sql: "SELECT id FROM record WHERE seq = 2")!
        }
        #expect(try Self.refused(backup, fixture, saying: "does not hold what a node writes: record \(id) \(problem)"))
    }
}
