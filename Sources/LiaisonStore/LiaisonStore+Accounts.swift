import Foundation
import GRDB
import LiaisonCore

/// A staff account: the person behind sign-ins and, by its name, the author of their writes.
public struct Account: Hashable, Sendable {
    /// The user name they sign in with and writes are credited to (`asha`).
    public let name: String
    /// The name pages show (`Asha Rao`).
    public let displayName: String
    /// What they may do: reader, editor or admin (never peer).
    public let role: TokenRole
    /// A disabled account cannot sign in, and its sessions and tokens stop working.
    public let disabled: Bool
    /// Set for a one-time or reset password: the next sign-in must choose a new one.
    public let mustChangePassword: Bool
    /// When it was made (ms since 1970).
    public let createdAt: Int64
    /// The last successful sign-in (ms since 1970), if any.
    public let lastSignIn: Int64?
    /// Changes whenever the password does (a digest of its stored hash, which tells nothing of
    /// the password): a form that resets it names the one it saw (``AccountChange/passwordStamp``).
    public let passwordStamp: String

    /// The stamp of a password stored as `hash`.
    static func stamp(ofHash hash: String) -> String {
        String(TokenDigest(hash).hex.prefix(16))
    }
}

/// What a change to an account sets; `nil` leaves that part as it is.
public struct AccountChange: Sendable {
    /// A new role: reader, editor or admin.
    public var role: TokenRole?
    /// A new display name.
    public var displayName: String?
    /// `true` disables the account (ending its sessions), `false` enables it.
    public var disabled: Bool?
    /// A new password, which ``PasswordHash/problem(with:)`` accepts.
    public var password: String?
    /// Whether the new password must be changed at the next sign-in (a reset by an admin).
    public var mustChangePassword: Bool?
    /// With a new password: sets it only while the account's ``Account/passwordStamp`` is
    /// still this one, so a reset sent twice (a reloaded page) does not reset twice.
    public var passwordStamp: String?

    /// A change of the parts given.
    public init(
        role: TokenRole? = nil,
        displayName: String? = nil,
        disabled: Bool? = nil,
        password: String? = nil,
        mustChangePassword: Bool? = nil
    ) {
        (self.role, self.displayName, self.disabled, self.password, self.mustChangePassword) = (
            role, displayName, disabled, password, mustChangePassword
        )
    }
}

/// The answer to a sign-in attempt.
public enum SignInCheck: Sendable {
    /// The password is right and the account enabled.
    case accepted(Account)
    /// Unknown user name or wrong password (which one is not told).
    case refused
    /// The password is right but the account is disabled.
    case disabled
}

extension LiaisonStore {
    static let accountColumns = "name, display_name, role, disabled, must_change_password, created_at, last_sign_in, password_hash"

    /// Makes an account. With `mustChangePassword` (a one-time password) the first sign-in
    /// must choose a new password.
    ///
    /// ```swift
    /// try await store.addAccount(name: "asha", displayName: "Asha Rao", role: .editor, password: "long enough pass")
    /// ```
    /// - Throws: ``StoreError`` `.invalid` for a bad name, display name, role or password, or a
    ///   name in use, ignoring case, by a user or a token without a user (see ``isValidTokenName(_:)``).
    @discardableResult
    public func addAccount(
        name: String,
        displayName: String? = nil,
        role: TokenRole,
        password: String,
        mustChangePassword: Bool = false
    ) async throws -> Account {
        try Self.checkName(name, kind: "user")
        try Self.checkRole(role)
        let display = try Self.checkedDisplayName(displayName ?? name)
        let hash = try await PasswordHash.make(password)
        let now = Timestamp.millis()
        try await write { db in
            try Self.checkNewAccountName(db, name)
            try db.execute(
                sql: """
                    INSERT INTO account (name, display_name, role, password_hash, must_change_password, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [name, display, role.rawValue, hash, mustChangePassword, now]
            )
        }
        return Account(
            name: name,
            displayName: display,
            role: role,
            disabled: false,
            mustChangePassword: mustChangePassword,
            createdAt: now,
            lastSignIn: nil,
            passwordStamp: Account.stamp(ofHash: hash)
        )
    }

    /// Every account, sorted by name.
    public func accounts() async throws -> [Account] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.accountColumns) FROM account ORDER BY name").compactMap(Self.account)
        }
    }

    /// The account named `name`, or `nil`.
    public func account(named name: String) async throws -> Account? {
        try await database.read { db in try Self.account(db, name) }
    }

    /// Changes an account. Disabling it or changing its password ends all its sessions.
    /// - Throws: ``StoreError`` `.notFound` for an unknown name, `.invalid` for a bad value,
    ///   `.refused` (changing nothing) when the password changed since ``AccountChange/passwordStamp``.
    @discardableResult
    public func changeAccount(_ name: String, _ change: AccountChange) async throws -> Account {
        try await changeAccount(name, change) { db in try Self.account(db, name)! }
    }

    /// Changes an account as ``changeAccount(_:_:)`` does and starts a session for it in the same
    /// transaction, returning the session's id: a person who changes their own password, which
    /// ends every session of the account, is never left signed out by a new session that failed
    /// to start after the change was made (the store busy, say). Either both happen or neither.
    /// - Throws: as ``changeAccount(_:_:)``; `.invalid` for a change that disables the account,
    ///   which no session outlives.
    public func changeAccountStartingSession(_ name: String, _ change: AccountChange) async throws -> String {
        guard change.disabled != true else { throw StoreError(.invalid, "a change that disables \(name) starts no session") }
        let now = Timestamp.millis()
        return try await changeAccount(name, change) { db in try Self.startSession(db, account: name, now: now) }
    }

    /// Changes an account, then runs `finish` in the same write transaction and returns what it gives.
    private func changeAccount<T: Sendable>(
        _ name: String,
        _ change: AccountChange,
        then finish: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        if let role = change.role { try Self.checkRole(role) }
        let display = try change.displayName.map(Self.checkedDisplayName)
        var newHash: String?
        if let password = change.password { newHash = try await PasswordHash.make(password) }
        let hash = newHash
        return try await write { db in
            guard let account = try Self.account(db, name) else { throw StoreError(.notFound, "no user named \"\(name)\"") }
            if let stamp = change.passwordStamp, hash != nil, stamp != account.passwordStamp {
                throw StoreError(.refused, "\(name)'s password was changed since that page was loaded")
            }
            if let role = change.role {
                try db.execute(sql: "UPDATE account SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
            }
            if let display {
                try db.execute(sql: "UPDATE account SET display_name = ? WHERE name = ?", arguments: [display, name])
            }
            if let disabled = change.disabled {
                try db.execute(sql: "UPDATE account SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            }
            if let hash {
                try db.execute(
                    sql: "UPDATE account SET password_hash = ?, must_change_password = ? WHERE name = ?",
                    arguments: [hash, change.mustChangePassword ?? false, name]
                )
            }
            if change.disabled == true || hash != nil {
                try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [name])
            }
            return try finish(db)
        }
    }

    /// Checks a sign-in. A right password records the sign-in time and, when the hash was made
    /// with older parameters, stores a new hash. An unknown name costs as much as a known one.
    /// A one-time password (``Account/mustChangePassword``) works for one sign-in only: it is
    /// spent as it is accepted, so a second try with it, even one sent at the same moment, is
    /// refused; the session it opened may then only choose a new password.
    public func checkSignIn(name: String, password: String) async throws -> SignInCheck {
        try await checkSignIn(name: name, password: password, startingSession: false).check
    }

    /// Checks a sign-in as ``checkSignIn(name:password:)`` does and, when it is accepted, starts
    /// the account's session (``startSession(account:)``) in the same transaction. So a one-time
    /// password is spent only with the session it opens: a sign-in the busy store could not
    /// finish (503) leaves it working for the next try.
    /// - Returns: the check, and the new session's id: set exactly when the check is `.accepted`.
    public func signIn(name: String, password: String) async throws -> (check: SignInCheck, sessionID: String?) {
        try await checkSignIn(name: name, password: password, startingSession: true)
    }

    private func checkSignIn(
        name: String,
        password: String,
        startingSession: Bool
    ) async throws -> (check: SignInCheck, sessionID: String?) {
        let found = try await database.read { db -> (hash: String, disabled: Bool, oneTime: Bool)? in
            try Row.fetchOne(
                db,
                sql: "SELECT password_hash, disabled, must_change_password FROM account WHERE name = ?",
                arguments: [name]
            ).map { ($0[0], $0[1], $0[2]) }
        }
        let hash = found?.hash ?? PasswordHash.decoy
        // A spent one-time password matches nothing, and libsodium refuses it at once: checked
        // against the decoy instead, its refusal takes as long as any other, so a wrong sign-in
        // does not tell an account waiting for its owner's new password from the rest.
        let checked = hash == Self.spentPassword ? PasswordHash.decoy : hash
        guard await PasswordHash.verify(password, against: checked), hash != Self.spentPassword, let found else { return (.refused, nil) }
        if found.disabled { return (.disabled, nil) }
        let rehash = PasswordHash.needsRehash(hash) && !found.oneTime ? try await PasswordHash.make(password) : nil
        let now = Timestamp.millis()
        return try await write { db in
            // The password was checked outside any transaction: an admin's reset or disable, or
            // another sign-in spending the one-time password, that landed meanwhile ends this
            // sign-in. A session started anyway outlived the reset (and, the account then
            // waiting for a new password, let whoever held the old one choose it).
            guard
                let current = try Row.fetchOne(
                    db,
                    sql: "SELECT password_hash, disabled, must_change_password FROM account WHERE name = ?",
                    arguments: [name]
                ),
                current[0] == hash, current[2] == found.oneTime
            else { return (.refused, nil) }
            if current[1] == true { return (.disabled, nil) }
            if found.oneTime {
                try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [Self.spentPassword, name])
            }
            try db.execute(sql: "UPDATE account SET last_sign_in = ? WHERE name = ?", arguments: [now, name])
            if let rehash {
                try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [rehash, name])
            }
            guard let account = try Self.account(db, name) else { return (.refused, nil) }
            return (.accepted(account), startingSession ? try Self.startSession(db, account: name, now: now) : nil)
        }
    }

    /// Stored in place of a one-time password once it has been used: no password matches it.
    static let spentPassword = "spent one-time password"

    static func account(_ db: Database, _ name: String) throws -> Account? {
        // Kept prepared: a signed-in user's every request reads it (the session's account).
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(accountColumns) FROM account WHERE name = ?"), arguments: [name])
            .flatMap(account)
    }

    static func account(_ row: Row) -> Account? {
        guard let role = TokenRole(rawValue: row[2]) else { return nil }
        return Account(
            name: row[0],
            displayName: row[1],
            role: role,
            disabled: row[3],
            mustChangePassword: row[4],
            createdAt: row[5],
            lastSignIn: row[6],
            passwordStamp: Account.stamp(ofHash: row[7])
        )
    }

    private static func checkRole(_ role: TokenRole) throws {
        guard TokenRole.staff.contains(role) else {
            throw StoreError(.invalid, "a user's role is reader, editor or admin; peer is for tokens of other nodes")
        }
    }

    /// A display name as given, trimmed, when it is 1 to 100 characters of at most 400 code
    /// points (one "character" of `a` and 100,000 accents was 200 KB on every admin page) without
    /// control characters, line or paragraph separators, or marks that turn the direction of
    /// the text around it (U+202A–U+202E, U+2066–U+2069); joiners, which Indian scripts use, stay.
    private static func checkedDisplayName(_ text: String) throws -> String {
        let display = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = display.unicodeScalars.contains { scalar in
            [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
        guard (1...100).contains(display.count), display.unicodeScalars.count <= 400, !refused else {
            throw StoreError(.invalid, "a display name needs 1 to 100 characters and no control characters, line breaks or direction marks")
        }
        return display
    }
}
