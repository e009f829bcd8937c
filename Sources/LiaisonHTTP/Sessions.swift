import Foundation
public import Hummingbird
public import LiaisonStore

/// One signed-in browser: the random session id in its cookie (the store keeps only its
/// SHA-256, see ``LiaisonStore/startSession(account:)``) and the CSRF token its forms carry.
/// The web page and `POST /v1/session` start sessions; the API accepts their cookie too.
public struct WebSession: Sendable {
    /// The random id in the node's session cookie (``NodeIdentity/sessionCookieName``).
    public let id: String

    public init(id: String) {
        self.id = id
    }

    /// Sent back with every form and checked on every POST: derived from the session id, so
    /// it is never stored and cannot be guessed without the cookie.
    public var csrf: String { TokenDigest("liaison-csrf:\(id)").hex }
}

/// Cookies and tokens of the web interface's sessions.
public enum WebSessions {
    /// 32 random bytes as 64 hex digits.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// The session id in a request's session cookie for `node`, if it sends one.
    public static func sessionID(of request: Request, node: NodeIdentity) -> String? {
        request.cookies[node.sessionCookieName]?.value
    }

    /// A cookie only for this site, never to scripts, never cross-site; `Secure` when the
    /// node serves HTTPS. `maxAge` 0 deletes it.
    public static func cookie(_ name: String, _ value: String, path: String = "/", maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// `node`'s cookie of a new session `id`, for as long as a session may last.
    public static func sessionCookie(_ id: String, node: NodeIdentity, secure: Bool) -> Cookie {
        cookie(node.sessionCookieName, id, maxAge: Int(SessionLimits.absolute / 1000), secure: secure)
    }

    /// Deletes `node`'s session cookie (at sign-out).
    public static func endedSessionCookie(node: NodeIdentity, secure: Bool) -> Cookie {
        cookie(node.sessionCookieName, "", maxAge: 0, secure: secure)
    }
}
