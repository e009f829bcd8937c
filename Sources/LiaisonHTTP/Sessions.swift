import Foundation
public import Hummingbird
import LiaisonStore

/// One signed-in browser: the random session id in its cookie (the store keeps only its
/// SHA-256, see ``LiaisonStore/startSession(account:)``) and the CSRF token its forms carry.
/// The web page and `POST /v1/session` start sessions; the API accepts their cookie too.
public struct WebSession: Sendable {
    /// The random id in the `liaison_session` cookie.
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
    /// The session cookie's name.
    public static let cookieName = "liaison_session"
    /// The sign-in form's CSRF cookie: set with the form, sent back with it (double submit).
    public static let signInCookieName = "liaison_signin"

    /// 32 random bytes as 64 hex digits.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// The session id in a request's `liaison_session` cookie, if it sends one.
    public static func sessionID(of request: Request) -> String? {
        request.cookies[cookieName]?.value
    }

    /// A cookie only for this site, never to scripts, never cross-site; `Secure` when the
    /// node serves HTTPS. `maxAge` 0 deletes it.
    public static func cookie(_ name: String, _ value: String, path: String = "/", maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie of a new session `id`, for as long as a session may last.
    public static func sessionCookie(_ id: String, secure: Bool) -> Cookie {
        cookie(cookieName, id, maxAge: Int(SessionLimits.absolute / 1000), secure: secure)
    }
}
