import Foundation
import LiaisonStore
import Synchronization

/// One signed-in browser: a random session id (the only thing in the cookie) mapped, in the
/// server's memory, to the staff token it signed in with and a per-session CSRF token.
///
/// The token stays on the server so that the cookie alone never reveals a credential that
/// works against the API, and each request checks the token again: a revoked token ends its
/// sessions at once. Sessions live in memory: a restart signs everyone out.
struct WebSession: Sendable {
    /// The random id in the `liaison_session` cookie.
    let id: String
    /// The staff token the user signed in with.
    let token: String
    /// Sent back with every form and checked on every POST.
    let csrf: String
    /// Last use, for idle expiry.
    var lastSeen: Date
}

/// The signed-in user of a request.
struct WebUser: Sendable {
    let session: WebSession
    let name: String
    let role: TokenRole

    /// Editors and admins may write records.
    var canEdit: Bool { role == .editor || role == .admin }
    /// Admins may start a sync.
    var isAdmin: Bool { role == .admin }
}

/// The server's sessions, behind a lock.
final class WebSessions: Sendable {
    /// The cookie's name.
    static let cookieName = "liaison_session"
    /// Sessions idle longer than this (12 hours) end.
    static let idleLimit: TimeInterval = 12 * 3600

    private let sessions = Mutex<[String: WebSession]>([:])

    /// Starts a session for `token` and returns it.
    func start(token: String) -> WebSession {
        let session = WebSession(id: Self.randomToken(), token: token, csrf: Self.randomToken(), lastSeen: Date())
        sessions.withLock { sessions in
            let now = Date()
            sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < Self.idleLimit }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session of `id`, touched; `nil` when unknown or idle too long.
    func session(_ id: String) -> WebSession? {
        sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            let now = Date()
            guard now.timeIntervalSince(session.lastSeen) < Self.idleLimit else {
                sessions[id] = nil
                return nil
            }
            session.lastSeen = now
            sessions[id] = session
            return session
        }
    }

    /// Ends a session.
    func end(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// 32 random bytes as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// The value of cookie `name` in a `Cookie:` header.
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            if pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces) == name {
                return pieces[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
