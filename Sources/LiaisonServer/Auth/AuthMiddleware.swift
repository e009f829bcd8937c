import Foundation
import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// Checks the `Authorization: Bearer <token>` of a request against the store's tokens and
/// the route's ``Access``: 401 (with `WWW-Authenticate: Bearer`) without a valid token, 403
/// with a token whose role may not call the route. Sets ``LiaisonRequestContext/caller``.
///
/// Without a bearer token, a signed-in session's cookie (from the page or `POST /v1/session`)
/// stands for its account; its writes (any method but GET and HEAD) must also carry the
/// session's CSRF token in `X-CSRF-Token`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    let access: Access
    let store: LiaisonStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if access == .open { return try await next(request, context) }
        let (name, role) = try await caller(request)
        guard access.allows(role) else {
            let allowed = access.roles.map(\.rawValue).joined(separator: " or ")
            let article = role == .admin ? "an" : "a"
            throw APIError(.forbidden, "\(article) \(role.rawValue) token may not call \(request.method) \(request.uri.path); it needs \(allowed)")
        }
        var context = context
        context.caller = Caller(name: name, role: role)
        return try await next(request, context)
    }

    /// The name and role of the bearer token, else of the session cookie.
    private func caller(_ request: Request) async throws -> (String, TokenRole) {
        if let token = Self.bearerToken(request.headers[.authorization]) {
            guard let found = try await store.authenticate(token: token) else {
                throw APIError(
                    .unauthorized,
                    "the bearer token is not valid",
                    headers: [.wwwAuthenticate: "Bearer realm=\"liaison\", error=\"invalid_token\""]
                )
            }
            return found
        }
        if let id = WebSessions.sessionID(of: request),
            let session = try await store.session(id: id)
        {
            if request.method != .get && request.method != .head {
                guard TokenDigest.equal(request.headers[Self.csrfHeader] ?? "", WebSession(id: id).csrf) else {
                    throw APIError(.forbidden, "a write with a session cookie needs the session's X-CSRF-Token header")
                }
                guard !session.account.mustChangePassword else {
                    throw APIError(.forbidden, "\(session.account.name) must change their password before making changes")
                }
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

    /// The token of an `Authorization` header value `Bearer <token>` (scheme matched case-insensitively).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
