import GRDB
import LiaisonCore

extension LiaisonStore {
    /// Records that an admin unlocked `name`'s sign-in now: the node serving this store forgets
    /// the failed sign-ins counted for the account before this moment at its next sign-in try
    /// (see ``signInUnlockedAt(name:)``). Failures after it count as before.
    /// - Throws: ``StoreError`` `.notFound` for an unknown name.
    public func unlockSignIn(name: String) async throws {
        let now = Timestamp.millis()
        try await write { db in
            try db.execute(sql: "UPDATE account SET sign_in_unlocked_at = ? WHERE name = ?", arguments: [now, name])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no user named \"\(name)\"") }
        }
    }

    /// When an admin last unlocked the sign-in of the account named exactly `name` (ms since
    /// 1970), or `nil` when never or there is no such account.
    public func signInUnlockedAt(name: String) async throws -> Int64? {
        try await database.read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT sign_in_unlocked_at FROM account WHERE name = ?"),
                arguments: [name]
            )
        }
    }
}
