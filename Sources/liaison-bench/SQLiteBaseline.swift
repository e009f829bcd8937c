import Foundation
import GRDB

/// SQLite's own cost of storing a sync's records, for comparison: the same rows (record id and
/// canonical state JSON) inserted into a plain table of a new file, in transactions of the sync's
/// page size, with the store's durability (WAL, `synchronous = FULL`).
enum SQLiteBaseline {
    /// Copies every `(id, state)` row of the store at `source` into a new SQLite file in
    /// `directory` and returns the seconds the inserts took.
    static func insertSeconds(copying source: URL, into directory: URL, perTransaction: Int = 1_000) throws -> Double {
        let rows = try DatabaseQueue(path: source.appendingPathComponent("liaison.sqlite").path).read { db in
            try Row.fetchAll(db, sql: "SELECT id, state FROM record ORDER BY seq").map { ($0[0] as String, $0[1] as String) }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: directory.appendingPathComponent("baseline.sqlite").path)
        // After the pool's own `synchronous = NORMAL`, as the store does.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try pool.write { db in try db.execute(sql: "CREATE TABLE record (id TEXT PRIMARY KEY, state TEXT NOT NULL)") }
        let started = DispatchTime.now().uptimeNanoseconds
        for start in stride(from: 0, to: rows.count, by: perTransaction) {
            try pool.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO record (id, state) VALUES (?, ?)")
                for (id, state) in rows[start..<min(rows.count, start + perTransaction)] {
                    try insert.execute(arguments: [id, state])
                }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }
}
