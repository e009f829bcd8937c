import Foundation
import GRDB
import LiaisonCore

/// What an API token may do.
public enum TokenRole: String, CaseIterable, Hashable, Sendable {
    /// Staff who read records and status.
    case reader
    /// Staff who also create, edit, delete and resolve records.
    case editor
    /// Staff who also manage tokens and peers and start syncs.
    case admin
    /// Another node: the sync routes and `GET /v1/node` only.
    case peer
}

/// A token as listed: never the token itself, which is shown once and stored hashed.
public struct TokenInfo: Hashable, Sendable {
    /// The name writes are recorded under (`asha`, `chennai-node`).
    public let name: String
    /// What the token may do.
    public let role: TokenRole
    /// When it was made (ms since 1970).
    public let createdAt: Int64
    /// The staff account it acts for (its writes are credited to it), if any.
    public var account: String? = nil
}

extension TokenRole {
    /// The roles a staff account may hold: reader, editor and admin (`peer` is for the tokens of
    /// other nodes only).
    public static let staff = allCases.filter { $0 != .peer }
}

extension TokenRole: Comparable {
    /// Staff roles order reader < editor < admin; peer sorts below them all, as it may do no staff work.
    public static func < (a: TokenRole, b: TokenRole) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .peer: -1
        case .reader: 0
        case .editor: 1
        case .admin: 2
        }
    }
}

extension LiaisonStore {
    /// Makes a token for `name` with `role` and returns it: the only time it is ever seen.
    /// Only its SHA-256 is stored.
    ///
    /// ```swift
    /// let token = try await store.createToken(name: "asha", role: .editor)
    /// // send as `Authorization: Bearer \(token)`
    /// ```
    /// A token made for `account` acts for that person: its writes are credited to the
    /// account, it stops working while the account is disabled, and it never does more than
    /// the account's role allows.
    /// - Throws: ``StoreError`` `.invalid` for a bad name or one already in use, a peer token
    ///   for an account, or a role above the account's; `.notFound` for an unknown account.
    public func createToken(name: String, role: TokenRole, account: String? = nil) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Base64URL.encode(Data(bytes))
        try await saveToken(name: name, role: role, token: token, replacing: false, account: account)
        return token
    }

    /// Installs a token made elsewhere (a deployment's secret), replacing any token of that
    /// name. It must be at least 32 characters of `A-Z a-z 0-9 - _ . ~ + / =`, so it is as
    /// hard to guess as one ``createToken(name:role:)`` makes.
    /// - Throws: ``StoreError`` `.invalid` for a bad token or name, or a secret another token
    ///   already has (one secret names one token; the other is left as it is).
    public func importToken(name: String, role: TokenRole, token: String) async throws {
        guard token.count >= 32, token.count <= 512,
            token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~+/=".contains($0)) })
        else {
            throw StoreError(.invalid, "an imported token must be 32 to 512 characters of letters, digits and - _ . ~ + / =")
        }
        try await saveToken(name: name, role: role, token: token, replacing: true)
    }

    private func saveToken(name: String, role: TokenRole, token: String, replacing: Bool, account: String? = nil) async throws {
        try Self.checkName(name, kind: "token")
        let hash = TokenDigest(token).hex
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        try await write { db in
            if let holder = try String.fetchOne(db, sql: "SELECT name FROM token WHERE hash = ? AND name != ?", arguments: [hash, name]) {
                throw StoreError(.invalid, "this token's secret is already installed as token \(holder); revoke it first")
            }
            if replacing {
                try db.execute(sql: "DELETE FROM token WHERE name = ?", arguments: [name])
            } else if try Bool.fetchOne(db, sql: "SELECT 1 FROM token WHERE name = ?", arguments: [name]) != nil {
                throw StoreError(.invalid, "a token named \"\(name)\" exists; revoke it first")
            }
            if let account {
                try Self.checkTokenAccount(db, account, role: role)
            } else {
                try Self.checkNewNameOnlyToken(db, name)
            }
            try db.execute(
                sql: "INSERT INTO token (name, role, hash, created_at, account) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, role.rawValue, hash, now, account]
            )
        }
    }

    /// Whether `token` is a current token, and whose. The token is found by its SHA-256 digest
    /// (every request asks, so one indexed row, by a statement kept prepared), and the digest
    /// is then compared in constant time. The lookup's timing can tell only how close a guess's
    /// digest came to a stored one, which says nothing about the token (sessions are found the
    /// same way). A token made for an account answers the account's name (the author of its
    /// writes) and the lower of the two roles, or ``TokenCheck/userDisabled(_:)`` while the
    /// account is disabled: one lookup answers both.
    public func authenticate(token: String) async throws -> TokenCheck {
        guard let found = try lookUp(token), let role = TokenRole(rawValue: found.role) else { return .refused }
        guard let account = found.account else { return .accepted(name: found.name, role: role) }
        if found.disabled == true { return .userDisabled(account) }
        guard let accountRole = found.accountRole.flatMap(TokenRole.init(rawValue:)) else { return .refused }
        return .accepted(name: account, role: min(role, accountRole))
    }

    /// The stored row of `token`, its digest compared in constant time; `nil` when there is none.
    private func lookUp(_ token: String) throws -> (name: String, role: String, account: String?, accountRole: String?, disabled: Bool?)? {
        guard !token.isEmpty, token.utf8.count <= 512 else { return nil }
        let presented = TokenDigest(token)
        let found = try readCaller { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT token.name, token.role, token.hash, token.account, account.role, account.disabled
                        FROM token LEFT JOIN account ON account.name = token.account
                        WHERE token.hash = ?
                        """
                ),
                arguments: [presented.hex]
            ).map { row -> (String, String, String, String?, String?, Bool?) in
                (row[0], row[1], row[2], row[3], row[4], row[5])
            }
        }
        guard let (name, role, hash, account, accountRole, disabled) = found, presented.matches(hex: hash) else { return nil }
        return (name, role, account, accountRole, disabled)
    }

    private static func checkTokenAccount(_ db: Database, _ name: String, role: TokenRole) throws {
        guard let account = try account(db, name) else { throw StoreError(.notFound, "no user named \"\(name)\"") }
        guard role != .peer else { throw StoreError(.invalid, "a peer token belongs to another node, not to a user") }
        guard min(role, account.role) == role else {
            throw StoreError(.invalid, "\(name) is \(Wording.withArticle(account.role.rawValue)); a token for them may not be \(role.rawValue)")
        }
    }

    /// Every token's name and role, sorted by name.
    public func tokens() async throws -> [TokenInfo] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, created_at, account FROM token ORDER BY name").compactMap { row in
                TokenRole(rawValue: row[1]).map { TokenInfo(name: row[0], role: $0, createdAt: row[2], account: row[3]) }
            }
        }
    }

    /// Revokes the token named `name`.
    /// - Throws: ``StoreError`` `.notFound` when there is none.
    public func revokeToken(name: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM token WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw StoreError(.notFound, "no token named \"\(name)\"") }
        }
    }
}
