import GRDB

/// The one place user and token names are checked. A user's name and a token's name without a
/// user are both authors of writes, so they share one space: no two of them may be equal
/// ignoring case (`Rd` and `rd` would look alike in a record's history, and share a sign-in
/// throttle). A token made for a user writes as that user, so its own name is only a label.
///
/// Stores made before these rules may hold such names: they keep working; only new ones are refused.
extension LiaisonStore {
    /// Whether `name` can name a user or a token: 1 to 64 of letters, digits, `.`, `-`, `_`,
    /// `@`, and not dots alone (`.` and `..` would break the admin pages' links).
    public static func isValidTokenName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_@".contains($0)) }
            && !name.allSatisfy { $0 == "." }
    }

    /// Throws for a name ``isValidTokenName(_:)`` refuses; `kind` is "user" or "token".
    static func checkName(_ name: String, kind: String) throws {
        if !name.isEmpty, name.allSatisfy({ $0 == "." }) {
            throw StoreError(.invalid, "invalid \(kind) name \"\(name.prefix(80))\": a name may not be only dots")
        }
        guard isValidTokenName(name) else {
            throw StoreError(.invalid, "invalid \(kind) name \"\(name.prefix(80))\": use 1 to 64 letters, digits, '.', '-', '_' or '@'")
        }
    }

    /// Throws when a new account `name` would share its name, ignoring case, with an account or
    /// with a token that has no user (whose writes carry its own name), with a ``NameClash``.
    static func checkNewAccountName(_ db: Database, _ name: String) throws {
        if let user = try accountName(db, matching: name) {
            let same = user == name ? "" : " (names may not differ only by case)"
            throw StoreError(.invalid, "a user named \"\(user)\" exists\(same)", nameClash: .userNamedLikeUser(existing: user))
        }
        if let token = try nameOnlyToken(db, matching: name) {
            throw StoreError(
                .invalid,
                "a token named \"\(token)\" without a user writes under that name, so this user's changes would look like its",
                nameClash: .userNamedLikeToken(token: token)
            )
        }
    }

    /// Throws when a new token `name` without a user would share its name, ignoring case,
    /// with an account (with a ``NameClash``) or another such token (the same name exactly is
    /// the token table's own "exists" refusal).
    static func checkNewNameOnlyToken(_ db: Database, _ name: String) throws {
        if let user = try accountName(db, matching: name) {
            throw StoreError(
                .invalid,
                "a user named \"\(user)\" exists, and a token without a user would write under that name",
                nameClash: .tokenNamedLikeUser(user: user)
            )
        }
        if let token = try nameOnlyToken(db, matching: name, except: name) {
            throw StoreError(.invalid, "a token named \"\(token)\" exists; token names without a user may not differ only by case")
        }
    }

    /// The account whose name is `name` ignoring case, if any.
    private static func accountName(_ db: Database, matching name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM account WHERE lower(name) = lower(?)", arguments: [name])
    }

    /// A token without a user whose name is `name` ignoring case, other than one named `except`.
    private static func nameOnlyToken(_ db: Database, matching name: String, except: String? = nil) throws -> String? {
        try String.fetchOne(
            db,
            sql: "SELECT name FROM token WHERE account IS NULL AND lower(name) = lower(?) AND name IS NOT ?",
            arguments: [name, except]
        )
    }
}
