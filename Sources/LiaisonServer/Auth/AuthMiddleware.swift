import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// Checks the `Authorization: Bearer <token>` of a request against the store's tokens and
/// the route's ``Access``: 401 (with `WWW-Authenticate: Bearer`) without a valid token, 403
/// with a token whose role may not call the route. Sets ``LiaisonRequestContext/caller``.
///
/// Without a bearer token, a signed-in session's cookie (from the page or `POST /v1/session`)
/// stands for its account; its writes (any method but GET and HEAD) must also carry the
/// session's CSRF token in `X-CSRF-Token`. A session opened with a one-time password opens
/// nothing (403) until its user has chosen their own password (on the web page, or with
/// `PATCH /v1/session`).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    let access: Access
    let store: LiaisonStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if access == .open { return try await next(request, context) }
        let (name, role) = try await caller(request)
        guard access.allows(role) else {
            let allowed = access.roles.map(\.rawValue).joined(separator: " or ")
            throw APIError(
                .forbidden,
                "\(Wording.withArticle(role.rawValue)) may not call \(request.method) \(request.uri.path); it needs \(allowed)"
            )
        }
        var context = context
        context.caller = Caller(name: name, role: role)
        var response = try await next(request, context)
        // What a token or a session may read is no one else's: no cache keeps it (a shared
        // computer's browser, a proxy between offices), as the web page's answers say too.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// The name and role of the bearer token, else of the session cookie.
    private func caller(_ request: Request) async throws -> (String, TokenRole) {
        if let token = Self.bearerToken(request.headers[.authorization]) {
            let refusal: String
            switch try await store.authenticate(token: token) {
            case .accepted(let name, let role): return (name, role)
            case .refused: refusal = "the bearer token is not valid"
            case .userDisabled(let user): refusal = "this token's user \(user) is disabled; an admin can enable them again"
            }
            throw APIError(
                .unauthorized,
                refusal,
                headers: [.wwwAuthenticate: "Bearer realm=\"liaison\", error=\"invalid_token\""]
            )
        }
        if let id = WebSessions.sessionID(of: request, node: store.identity) {
            guard let session = try await store.session(id: id) else {
                throw APIError(
                    .unauthorized,
                    "your session has ended (signed out, expired, or its user was disabled or given a new password): "
                        + "sign in again (POST /v1/session), or send Authorization: Bearer <token>",
                    headers: [.wwwAuthenticate: "Bearer realm=\"liaison\""]
                )
            }
            guard !session.account.mustChangePassword else {
                throw APIError(
                    .forbidden,
                    "\(session.account.name) signed in with a one-time password: choose your own password first "
                        + "(PATCH /v1/session with {\"password\": \"…\"}, or on the web page, /account/password); "
                        + "until then this session may only do that or sign out"
                )
            }
            if request.method != .get && request.method != .head {
                try Self.checkCSRF(request, session: id)
            }
            return (session.account.name, session.account.role)
        }
        throw APIError(
            .unauthorized,
            "this route needs a token: send Authorization: Bearer <token>",
            headers: [.wwwAuthenticate: "Bearer realm=\"liaison\""]
        )
    }

    /// The header that carries a session's CSRF token.
    static let csrfHeader = HTTPFields.Element.Name("X-CSRF-Token")!

    /// Throws 403 unless `request`, a write with the cookie of session `id`, carries that
    /// session's CSRF token in `X-CSRF-Token`.
    static func checkCSRF(_ request: Request, session id: String) throws {
        guard TokenDigest.equal(request.headers[csrfHeader] ?? "", WebSession(id: id).csrf) else {
            throw APIError(.forbidden, "a write with a session cookie needs the session's X-CSRF-Token header")
        }
    }

    /// The token of an `Authorization` header value `Bearer <token>` (scheme matched case-insensitively).
    /// Read by bytes: every request asks, and splitting and trimming by characters cost more
    /// than the token lookup.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let bytes = header.utf8.drop(while: isBlank)
        guard let space = bytes.firstIndex(where: isBlank), header[bytes.startIndex..<space].lowercased() == "bearer"
        else { return nil }
        let token = bytes[space...].drop(while: isBlank)
        guard let last = token.lastIndex(where: { !isBlank($0) }) else { return nil }
        return String(decoding: token[...last], as: UTF8.self)
    }
}
