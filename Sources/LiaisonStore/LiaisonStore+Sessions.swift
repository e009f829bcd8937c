import Foundation
import GRDB
import LiaisonCore

/// How long a signed-in session lasts.
public enum SessionLimits {
    /// A session unused this long ends (12 hours).
    public static let idle: Int64 = 12 * 3600 * 1000
    /// Any session ends this long after sign-in (7 days).
    public static let absolute: Int64 = 7 * 24 * 3600 * 1000
    /// A session's last use is written at most this often (1 minute), not on every page.
    static let touchEvery: Int64 = 60 * 1000
}

/// A live session: whose it is and when it began.
public struct SessionInfo: Sendable {
    /// The signed-in account, as it is now.
    public let account: Account
    /// When the session began (ms since 1970).
    public let createdAt: Int64
}

extension LiaisonStore {
    /// Starts a session for the account `name` and returns its id: 32 random bytes as hex,
    /// the only time it is seen. The store keeps only its SHA-256.
    public func startSession(account name: String) async throws -> String {
        let now = Timestamp.millis()
        return try await write { db in try Self.startSession(db, account: name, now: now) }
    }

    /// Starts a session for `name` in `db`'s transaction (ending the sessions past their limits
    /// first) and returns its id.
    static func startSession(_ db: Database, account name: String, now: Int64) throws -> String {
        let id = randomHex(bytes: 32)
        try db.execute(
            sql: "DELETE FROM session WHERE last_seen < ? OR created_at < ?",
            arguments: [now - SessionLimits.idle, now - SessionLimits.absolute]
        )
        try db.execute(
            sql: "INSERT INTO session (id_hash, account, created_at, last_seen) VALUES (?, ?, ?, ?)",
            arguments: [TokenDigest(id).hex, name, now, now]
        )
        return id
    }

    /// The live session of `id`, its use recorded (at most once a minute, without waiting for
    /// the write); `nil` when unknown, idle over 12 hours, older than 7 days, or its account is
    /// disabled.
    public func session(id: String) async throws -> SessionInfo? {
        guard !id.isEmpty, id.utf8.count <= 128 else { return nil }
        let hash = TokenDigest(id).hex
        let now = Timestamp.millis()
        let found = try readCaller { db -> (Int64, Int64, Account?)? in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT account, created_at, last_seen FROM session WHERE id_hash = ?"),
                    arguments: [hash]
                )
            else { return nil }
            return (row[1], row[2], try Self.account(db, row[0]))
        }
        guard let (createdAt, lastSeen, account) = found else { return nil }
        guard let account, !account.disabled, now - lastSeen < SessionLimits.idle, now - createdAt < SessionLimits.absolute
        else {
            // Refused either way; forgotten now if the store takes the write, else at the next try.
            try? await endSession(id: id)
            return nil
        }
        if now - lastSeen >= SessionLimits.touchEvery {
            // The use is recorded without the request waiting for it: a read must not wait for a
            // writer that is busy (another process's write, a sync's long transaction) or fail
            // because the store cannot write (a full disk). A touch that fails leaves the idle time
            // counted from the last one that did not.
            Task {
                try? await write { db in
                    try db.execute(sql: "UPDATE session SET last_seen = ? WHERE id_hash = ?", arguments: [now, hash])
                }
            }
        }
        return SessionInfo(account: account, createdAt: createdAt)
    }

    /// Ends the session `id` (sign-out).
    public func endSession(id: String) async throws {
        let hash = TokenDigest(id).hex
        try await write { db in try db.execute(sql: "DELETE FROM session WHERE id_hash = ?", arguments: [hash]) }
    }

    /// The number of live sessions of account `name`.
    public func sessionCount(account name: String) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE account = ?", arguments: [name]) ?? 0
        }
    }

    /// `bytes` random bytes as lowercase hex.
    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var out = ""
        for _ in 0..<bytes {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }
}
