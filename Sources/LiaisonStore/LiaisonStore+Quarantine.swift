import Foundation
import GRDB
import LiaisonCore

/// A state the intake set aside (docs/design.md, "Intake"): never merged, kept with where it
/// came from and the rule it broke until an admin drops it.
public struct QuarantineEntry: Hashable, Sendable {
    /// The entry's number, for `liaison quarantine drop ID`.
    public let id: Int64
    /// Where the state came from: `peer chennai (chennai.k3f9q2)`, `bundle mumbai.json`, ...
    public let source: String
    /// The record it names, when that could be read.
    public let recordID: String?
    /// The rule it broke.
    public let problem: String
    /// The state as received, up to ``IntakeLimits/maxQuarantinedBytes``.
    public let bytes: [UInt8]
    /// Its whole size in bytes.
    public let size: Int
    /// When it first and last arrived (milliseconds since 1970).
    public let firstAt: Int64
    public let lastAt: Int64
    /// How many times it arrived.
    public let times: Int
}

extension QuarantineEntry {
    /// The entry as one JSON object, keys sorted, as `liaison quarantine list --json` and
    /// `GET /v1/quarantine` show it (times in ISO 8601, the bytes as text).
    public var json: String {
        var writer = JSONWriter()
        writer.raw("{\"bytes\":")
        writer.string(String(decoding: bytes, as: UTF8.self))
        writer.raw(",\"first_at\":")
        writer.string(Timestamp.iso(firstAt))
        writer.raw(",\"id\":\(id),\"last_at\":")
        writer.string(Timestamp.iso(lastAt))
        writer.raw(",\"problem\":")
        writer.string(problem)
        writer.raw(",\"record_id\":")
        if let recordID { writer.string(recordID) } else { writer.raw("null") }
        writer.raw(",\"size\":\(size),\"source\":")
        writer.string(source)
        writer.raw(",\"times\":\(times)}")
        return writer.output
    }
}

/// One state of a batch that was set aside instead of merged: the record (when known) and why.
/// On the wire (a push answer's `quarantined`): `{"id", "problem"}`.
public struct Quarantined: Codable, Hashable, Sendable {
    /// The record it names, when that could be read.
    public let recordID: String?
    /// The rule it broke.
    public let problem: String

    /// A state set aside for `problem`.
    public init(recordID: String?, problem: String) {
        self.recordID = recordID
        self.problem = problem
    }

    enum CodingKeys: String, CodingKey {
        case recordID = "id"
        case problem
    }

    /// Whether the quarantine that refused it kept it (a node of 2026.12.04 or later says so in
    /// the problem): one refused while its room was full is counted but listed nowhere.
    public var isKept: Bool { !problem.hasSuffix(Self.notKeptEnd) }

    /// How the problem of a state refused and not kept ends.
    private static let notKeptEnd = " fills the quarantine; drop entries to keep more)"

    /// The problem of a state refused for `problem` and not kept: `room` is full.
    static func notKept(_ problem: String, room: String) -> String {
        "\(problem) (not kept: \(room)\(notKeptEnd)"
    }
}

extension LiaisonStore {
    /// A page of the quarantined states, the most recent arrival first: up to `limit` of them,
    /// from just after `cursor` (a page's ``QuarantinePage/next``; nil for the first page), with
    /// how many there are in all. A page reads only its own entries' bytes (up to 64 KiB each),
    /// never the whole quarantine's (up to 16 MiB a source).
    /// - Precondition: `limit` ≥ 1.
    public func quarantine(limit: Int, after cursor: QuarantineCursor? = nil) async throws -> QuarantinePage {
        precondition(limit >= 1, "a quarantine page holds at least one entry")
        return try await database.read { db in
            let (sql, arguments) = QuarantinePage.statement(after: cursor, limit: limit + 1)
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let entries = rows.prefix(limit).map { row in
                let recordID: String = row[2]
                let bytes: Data = row[4]
                return QuarantineEntry(
                    id: row[0],
                    source: row[1],
                    recordID: recordID.isEmpty ? nil : recordID,
                    problem: row[3],
                    bytes: [UInt8](bytes),
                    size: row[5],
                    firstAt: row[6],
                    lastAt: row[7],
                    times: row[8]
                )
            }
            return QuarantinePage(
                entries: entries,
                next: rows.count > limit ? entries.last.map(QuarantineCursor.init(after:)) : nil,
                total: try db.quarantinedCount()
            )
        }
    }

    /// How many states are quarantined.
    public func quarantinedCount() async throws -> Int {
        try await database.read { db in try db.quarantinedCount() }
    }

    /// How many refused states were not kept since the quarantine was last emptied
    /// (``dropAllQuarantined()``), because their room in it was full (``QuarantineRoom``): each
    /// arrival counts once.
    public func quarantinedNotKept() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT states FROM quarantine_not_kept") ?? 0 }
    }

    /// Forgets one quarantined state an admin has dealt with.
    /// - Throws: ``StoreError`` `.notFound` when there is no entry `id`.
    public func dropQuarantined(id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM quarantine WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw StoreError(.notFound, "no quarantined state \(id)") }
        }
    }

    /// Forgets every quarantined state, and the count of those not kept
    /// (``quarantinedNotKept()``); returns how many entries there were.
    public func dropAllQuarantined() async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM quarantine_not_kept")
            try db.execute(sql: "DELETE FROM quarantine")
            return db.changesCount
        }
    }
}

extension QuarantinePage {
    /// The statement that reads up to `limit` entries from just after `cursor`, in the list's
    /// order: by the index `quarantine_last_at`, so only those entries' rows are read.
    static func statement(after cursor: QuarantineCursor?, limit: Int) -> (sql: String, arguments: StatementArguments) {
        let select = "SELECT id, source, record_id, problem, bytes, size, first_at, last_at, times FROM quarantine"
        let order = "ORDER BY last_at DESC, id DESC LIMIT ?"
        guard let cursor else { return ("\(select) \(order)", [limit]) }
        return ("\(select) WHERE (last_at, id) < (?, ?) \(order)", [cursor.lastAt, cursor.id, limit])
    }
}

/// A state refused before or while merging, with what to keep of it.
struct Rejection: Sendable {
    let recordID: String?
    let problem: String
    let bytes: [UInt8]
    let size: Int

    init(_ rejected: RejectedState) {
        (recordID, problem, bytes, size) = (rejected.recordID, rejected.problem, rejected.bytes, rejected.size)
    }

    /// A parsed state refused for `problem`: its canonical JSON is what is kept.
    init(_ state: RecordState, _ problem: String, json: String? = nil) {
        let bytes = Array((json ?? state.canonicalJSON).utf8)
        recordID = state.id
        self.problem = problem
        self.bytes = Array(bytes.prefix(IntakeLimits.maxQuarantinedBytes))
        size = bytes.count
    }
}

extension Database {
    /// How many states are quarantined.
    fileprivate func quarantinedCount() throws -> Int {
        try Int.fetchOne(self, sql: "SELECT COUNT(*) FROM quarantine")!
    }

    /// Sets a refused state aside; the same state from the same source again only counts. A new
    /// entry is kept only while its room has space (``QuarantineRoom``); one that is not is
    /// counted (``LiaisonStore/quarantinedNotKept()``).
    /// - Returns: whether the state is kept (false: its room in the quarantine is full).
    func quarantine(_ rejection: Rejection, room: inout QuarantineRoom, at now: Int64) throws -> Bool {
        try cachedStatement(
            sql: """
                UPDATE quarantine SET last_at = ?, times = times + 1
                WHERE source = ? AND record_id = ? AND problem = ? AND bytes = ?
                """
        ).execute(arguments: [now, room.origin.source, rejection.recordID ?? "", rejection.problem, Data(rejection.bytes)])
        if changesCount > 0 { return true }
        guard room.take(rejection.bytes.count) else {
            try cachedStatement(
                sql: """
                    INSERT INTO quarantine_not_kept (id, states) VALUES (1, 1)
                    ON CONFLICT (id) DO UPDATE SET states = states + 1
                    """
            ).execute()
            return false
        }
        try cachedStatement(
            sql: """
                INSERT INTO quarantine (source, room, record_id, problem, bytes, size, first_at, last_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            room.origin.source, room.origin.room, rejection.recordID ?? "", rejection.problem, Data(rejection.bytes),
            rejection.size, now, now,
        ])
        return true
    }
}

/// What one room may still put in quarantine (docs/design.md §9): at most
/// ``IntakeLimits/maxQuarantinedPerSource`` entries and
/// ``IntakeLimits/maxQuarantinedBytesPerSource`` bytes, so a peer or a file sending bad states
/// without end cannot fill the disk. The room is the ``BatchOrigin/room`` (a configured peer, a
/// peer token, a bundle), not the name shown, so a peer cannot get more room by claiming
/// another replica id. Read once per merge, when its first state is refused.
struct QuarantineRoom {
    /// Where the states come from.
    let origin: BatchOrigin
    private var entries: Int
    private var bytes: Int

    /// The room `origin` has left in the quarantine table.
    init(_ origin: BatchOrigin, in db: Database) throws {
        self.origin = origin
        let row = try Row.fetchOne(
            db,
            sql: "SELECT COUNT(*), TOTAL(LENGTH(bytes)) FROM quarantine WHERE room = ?",
            arguments: [origin.room]
        )!
        entries = row[0]
        bytes = Int(row[1] as Double)
    }

    /// Takes room for one more entry of `size` bytes; false when there is none.
    mutating func take(_ size: Int) -> Bool {
        guard entries < IntakeLimits.maxQuarantinedPerSource, bytes + size <= IntakeLimits.maxQuarantinedBytesPerSource else {
            return false
        }
        entries += 1
        bytes += size
        return true
    }
}
