import Foundation
import GRDB
import LiaisonCore

/// A node this one syncs with.
public struct PeerRecord: Hashable, Sendable {
    /// The name staff know it by (`chennai`).
    public let name: String
    /// Its base URL (`https://chennai.example:8443`).
    public let url: String
    /// The file holding the token to show it (never on a command line).
    public let tokenFile: String

    /// Describes a peer.
    public init(name: String, url: String, tokenFile: String) {
        self.name = name
        self.url = url
        self.tokenFile = tokenFile
    }

    /// `path` (`/v1/quarantine`) at the peer: its URL, less a trailing slash, then `path`.
    public func url(of path: String) -> String {
        (url.hasSuffix("/") ? String(url.dropLast()) : url) + path
    }

    /// What is wrong with a peer's name, URL or token file, or `nil` when they can be added
    /// (`liaison peer add`, the web page and the config file's `[peer.NAME]` alike).
    public static func problem(name: String, url: String, tokenFile: String) -> String? {
        guard name.range(of: "^[a-z0-9][a-z0-9_.-]{0,63}$", options: .regularExpression) != nil else {
            return "peer name must be lowercase letters, digits, '.', '_' or '-', got \"\(TerminalText.line(String(name.prefix(80))))\""
        }
        // Sync appends its paths to the URL: one with a path, a query or a fragment would send
        // them elsewhere, and a port Foundation cannot read (past 2^64) is read as none.
        if ["http://", "https://"].contains(where: url.lowercased().hasPrefix), !portIsValid(in: url) {
            return "peer URL's port must be a number from 1 to 65535, got \"\(TerminalText.line(String(url.prefix(200))))\""
        }
        guard let parts = URLComponents(string: url), ["http", "https"].contains(parts.scheme ?? ""), parts.host?.isEmpty == false,
            ["", "/"].contains(parts.percentEncodedPath), parts.query == nil, parts.fragment == nil
        else {
            return "peer URL must be http://HOST[:PORT] or https://..., got \"\(TerminalText.line(String(url.prefix(200))))\""
        }
        guard parts.user == nil, parts.password == nil else {
            return "peer URL must not hold a user or password (every reader sees the URL in /v1/status); the token file is how this node shows itself"
        }
        return tokenFileProblem(tokenFile)
    }

    /// Whether the port written in `url`'s authority, if any, is 1 to 65535 in digits.
    private static func portIsValid(in url: String) -> Bool {
        guard let start = url.range(of: "://")?.upperBound else { return false }
        let authority = url[start...].prefix { !"/?#".contains($0) }
        // The host and port, after any user (refused on its own, naming it).
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        // After an IPv6 address's brackets, or after the host.
        let afterHost = hostAndPort.lastIndex(of: "]").map { hostAndPort[hostAndPort.index(after: $0)...] } ?? hostAndPort.drop { $0 != ":" }
        guard let colon = afterHost.firstIndex(of: ":") else { return afterHost.isEmpty }
        let digits = afterHost[afterHost.index(after: colon)...]
        return (1...5).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber } && (1...65535).contains(Int(digits) ?? 0)
    }

    /// A token file must hold a token: this node sends the file's contents to the peer's URL,
    /// so any other file (a key, a password file, a directory) is refused. The problem names
    /// what is wrong: no such file, a directory, a file this user cannot read, or not a token.
    static func tokenFileProblem(_ path: String) -> String? {
        let file = "token file \(TerminalText.line(String(path.prefix(200))))"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "\(file) does not exist"
        }
        guard !isDirectory.boolValue else { return "\(file) is a directory, not a file holding a token" }
        guard let data = FileManager.default.contents(atPath: path) else {
            return "\(file) cannot be read by this user (check its permissions)"
        }
        guard data.count <= 1024, let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            (32...512).contains(text.count),
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~+/=".contains($0)) })
        else {
            return "\(file) does not hold a token (32 to 512 letters, digits and - _ . ~ + / =)"
        }
        return nil
    }
}

/// How sync with one peer has gone.
public struct PeerStatus: Hashable, Sendable {
    /// The peer's name.
    public let name: String
    /// The peer's replica id when last seen.
    public var replicaID: String?
    /// When the last sync succeeded (ms since 1970).
    public var lastSuccess: Int64?
    /// The last error, until a sync succeeds again.
    public var lastError: String?
    /// When ``lastError`` happened (ms since 1970): set and cleared with it.
    public var lastErrorAt: Int64?
    /// How many of the peer's changes this node had not pulled when last asked (by the last
    /// sync that got that far: while syncs fail, it may be out of date).
    public var behind: Int64?

    /// A status with nothing known yet.
    public init(name: String) {
        self.name = name
    }
}

extension LiaisonStore {
    /// Adds a peer, or changes its URL and token file (as `liaison peer add` does).
    public func addPeer(_ peer: PeerRecord, now: Int64) async throws {
        try await write { db in try db.upsert(peer, fromConfig: false, now: now) }
    }

    /// Makes the peers of the config file the store's configured peers, in one transaction:
    /// each is added or updated, and a peer that an earlier config file listed but this one
    /// does not is removed with its status. Peers added with ``addPeer(_:now:)`` stay.
    /// - Returns: the names of the peers removed, sorted.
    @discardableResult
    public func replaceConfiguredPeers(with peers: [PeerRecord], now: Int64) async throws -> [String] {
        try await write { db in
            for peer in peers { try db.upsert(peer, fromConfig: true, now: now) }
            let kept = Set(peers.map(\.name))
            let dropped = try String.fetchAll(db, sql: "SELECT name FROM peer WHERE from_config = 1 ORDER BY name")
                .filter { !kept.contains($0) }
            for name in dropped { try db.deletePeer(named: name) }
            return dropped
        }
    }

    /// Removes a peer and its status.
    public func removePeer(named name: String) async throws {
        try await write { db in try db.deletePeer(named: name) }
    }

    /// The peers, sorted by name.
    public func peers() async throws -> [PeerRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, url, token_file FROM peer ORDER BY name").map {
                PeerRecord(name: $0[0], url: $0[1], tokenFile: $0[2])
            }
        }
    }

    /// The sync status of every peer, sorted by name.
    public func peerStatuses() async throws -> [PeerStatus] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.name, s.replica_id, s.last_success, s.last_error, s.last_error_at, s.behind
                    FROM peer p LEFT JOIN peer_status s ON s.name = p.name ORDER BY p.name
                    """
            ).map { row in
                var status = PeerStatus(name: row[0])
                status.replicaID = row[1]
                status.lastSuccess = row[2]
                status.lastError = row[3]
                // Earlier builds kept the time of an error after a success had cleared the error.
                status.lastErrorAt = status.lastError == nil ? nil : row[4]
                status.behind = row[5]
                return status
            }
        }
    }

    /// Saves how sync with a peer went.
    public func savePeerStatus(_ status: PeerStatus) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO peer_status (name, replica_id, last_success, last_error, last_error_at, behind)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET replica_id = excluded.replica_id,
                        last_success = excluded.last_success, last_error = excluded.last_error,
                        last_error_at = excluded.last_error_at, behind = excluded.behind
                    """,
                arguments: [
                    status.name, status.replicaID, status.lastSuccess, status.lastError,
                    status.lastErrorAt, status.behind,
                ]
            )
        }
    }
}

extension Database {
    func upsert(_ peer: PeerRecord, fromConfig: Bool, now: Int64) throws {
        try execute(
            sql: """
                INSERT INTO peer (name, url, token_file, created_at, from_config) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET url = excluded.url, token_file = excluded.token_file,
                    from_config = excluded.from_config
                """,
            arguments: [peer.name, peer.url, peer.tokenFile, now, fromConfig]
        )
    }

    func deletePeer(named name: String) throws {
        try execute(sql: "DELETE FROM peer WHERE name = ?", arguments: [name])
        try execute(sql: "DELETE FROM peer_status WHERE name = ?", arguments: [name])
    }
}
