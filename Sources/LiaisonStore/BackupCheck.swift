import Foundation
import GRDB
import LiaisonCore

/// What a file must hold for `liaison restore` to make a node of it, beyond being a whole SQLite
/// database (docs/design.md §12): the schema its migrations make and nothing else, since a
/// trigger or a view in it would run in the new node's store (a trigger that put the old replica
/// id back would have the node number new writes its peers already hold, and lose them), and a
/// node row and records as a node writes them.
enum BackupCheck {
    /// One object of a schema, as `sqlite_master` holds it.
    private struct SchemaObject: Hashable {
        let type: String
        let name: String
        let sql: String?
    }

    /// Throws unless every object of `db`'s schema (the backup, before it is migrated) is one that
    /// the migrations it has applied make, with the same SQL, and every object a bulk load set
    /// aside (`set_aside`, made again when the store next opens) is one of those too.
    static func checkSchema(_ db: Database, file: URL) throws {
        let migrator = Migrations.migrator
        let applied = try migrator.appliedIdentifiers(db)
        guard let last = migrator.migrations.last(where: applied.contains) else {
            throw StoreError(.invalid, "\(file.path) is not a Liaison store: it has none of its migrations")
        }
        let reference = try DatabaseQueue()
        try migrator.migrate(reference, upTo: last)
        let made = try reference.read(objects)
        let unknown = try objects(db).subtracting(made)
        if let first = unknown.sorted(by: { ($0.type, $0.name) < ($1.type, $1.name) }).first {
            throw tampered(file, "the \(first.type) \"\(first.name.prefix(60))\"" + (unknown.count > 1 ? " and \(unknown.count - 1) more" : ""))
        }
        guard try db.tableExists("set_aside") else { return }
        for row in try Row.fetchAll(db, sql: "SELECT name, sql, then_run FROM set_aside") {
            let (name, sql, thenRun): (DatabaseValue, DatabaseValue, DatabaseValue) = (row[0], row[1], row[2])
            let known =
                made.contains { $0.type == "index" || $0.type == "trigger" ? $0.name.databaseValue == name && $0.sql?.databaseValue == sql : false }
                && (thenRun.isNull || thenRun == LiaisonStore.searchRebuild.databaseValue)
            guard known else {
                throw tampered(file, "a set-aside object \(String.fromDatabaseValue(name).map { "\"\($0.prefix(60))\"" } ?? "without a name")")
            }
        }
    }

    /// The store's own schema objects in `db` (SQLite's internal ones left out).
    private static func objects(_ db: Database) throws -> Set<SchemaObject> {
        Set(
            try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\'").map {
                SchemaObject(
                    type: String.fromDatabaseValue($0[0]) ?? "",
                    name: String.fromDatabaseValue($0[1]) ?? "",
                    sql: String.fromDatabaseValue($0[2])
                )
            }
        )
    }

    private static func tampered(_ file: URL, _ what: String) -> StoreError {
        StoreError(
            .invalid,
            "\(file.path) holds \(what), which no release of Liaison makes: it was changed after the backup was taken. Restore another backup"
        )
    }

    /// What the backup's node row and records hold, checked to be as a node writes them: a
    /// replica id, a known office, a sequence from 0 to 2^53 - 1 at or past every record's, and
    /// each record's state JSON, marked deleted or not.
    static func summary(of db: Database, file: URL) throws -> BackupSummary {
        func refuse(_ problem: String) -> StoreError {
            StoreError(.invalid, "\(file.path) does not hold what a node writes: \(problem). Restore another backup")
        }
        guard let node = try Row.fetchOne(db, sql: "SELECT replica_id, office, sequence, typeof(sequence) FROM node WHERE id = 1") else {
            throw StoreError(.invalid, "\(file.path) has no node identity")
        }
        guard let replica = String.fromDatabaseValue(node[0]), ReplicaID.isValid(replica) else {
            throw refuse("its node's replica id is \(describe(node[0]))")
        }
        guard let office = String.fromDatabaseValue(node[1]), CoreSchema.offices.contains(office) else {
            throw refuse("its node's office is \(describe(node[1])), not one of \(CoreSchema.offices.joined(separator: ", "))")
        }
        guard node[3] == "integer", let sequence = Int64.fromDatabaseValue(node[2]), (0...Int64(IntakeLimits.maxCounter)).contains(sequence)
        else { throw refuse("its node's sequence is \(describe(node[2]))") }
        let records = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*), count(*) FILTER (WHERE deleted = 1), coalesce(max(seq), 0),
                    count(*) FILTER (WHERE deleted NOT IN (0, 1) OR NOT json_valid(state))
                FROM record
                """
        )!
        let (count, deleted, highest, malformed): (Int, Int, Int64, Int) = (records[0], records[1], records[2], records[3])
        guard malformed == 0 else {
            throw refuse("\(malformed) of its records \(malformed == 1 ? "has" : "have") no state JSON, or a deleted mark other than 0 or 1")
        }
        guard highest <= sequence else { throw refuse("a record has sequence \(highest), past its node's \(sequence)") }
        return BackupSummary(backedUpReplica: replica, office: office, records: count - deleted, deletedRecords: deleted, sequence: sequence)
    }

    /// Decodes every record's state as the node will read it, and checks it is the state of the
    /// record it is stored under: a state that was JSON but not a record's (a backup changed by
    /// hand) restored a node that could list none of its records. Reads one row at a time.
    static func checkStates(_ db: Database, file: URL) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, state FROM record")
        while let row = try rows.next() {
            let id = String.fromDatabaseValue(row[0]) ?? ""
            let problem: String
            do {
                let state = try RecordState(json: Data((String.fromDatabaseValue(row[1]) ?? "").utf8))
                guard state.id != id else { continue }
                problem = "holds the state of record \(state.id.prefix(40))"
            } catch {
                problem = "has a state a node cannot read (\(error.problem))"
            }
            throw StoreError(.invalid, "\(file.path) does not hold what a node writes: record \(id.prefix(40)) \(problem). Restore another backup")
        }
    }

    /// A value as an error shows it: quoted text (its start), a number, or `NULL`.
    private static func describe(_ value: DatabaseValue) -> String {
        if let text = String.fromDatabaseValue(value), case .string = value.storage { return "\"\(text.prefix(40))\"" }
        return value.isNull ? "NULL" : "\(value)"
    }
}
