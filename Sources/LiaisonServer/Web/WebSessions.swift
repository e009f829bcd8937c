import Foundation
import LiaisonStore

/// One signed-in browser: the random session id in its cookie (the store keeps only its
/// SHA-256, see ``LiaisonStore/startSession(account:)``) and the CSRF token its forms carry.
struct WebSession: Sendable {
    /// The random id in the `liaison_session` cookie.
    let id: String

    /// Sent back with every form and checked on every POST: derived from the session id, so
    /// it is never stored and cannot be guessed without the cookie.
    var csrf: String { TokenDigest("liaison-csrf:\(id)").hex }
}

/// The signed-in user of a request.
struct WebUser: Sendable {
    let session: WebSession
    let account: Account

    /// The user name: the author of their writes.
    var name: String { account.name }
    var role: TokenRole { account.role }

    /// Editors and admins may write records.
    var canEdit: Bool { role == .editor || role == .admin }
    /// Admins may start a sync and manage users, tokens and peers.
    var isAdmin: Bool { role == .admin }
}

/// Cookies and tokens of the web interface's sessions.
enum WebSessions {
    /// The session cookie's name.
    static let cookieName = "liaison_session"
    /// The sign-in form's CSRF cookie: set with the form, sent back with it (double submit).
    static let signInCookieName = "liaison_signin"

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

    /// A cookie only for this site, never to scripts, never cross-site; `Secure` when the
    /// node serves HTTPS. `maxAge` 0 deletes it.
    static func setCookie(_ name: String, _ value: String, path: String = "/", maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=\(path); HttpOnly; SameSite=Strict; Max-Age=\(maxAge)" + (secure ? "; Secure" : "")
    }
}
