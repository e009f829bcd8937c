import Foundation
import Hummingbird
import LiaisonStore

/// Checks the `Authorization: Bearer <token>` of a request against the store's tokens and
/// the route's ``Access``: 401 (with `WWW-Authenticate: Bearer`) without a valid token, 403
/// with a token whose role may not call the route. Sets ``LiaisonRequestContext/caller``.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    let access: Access
    let store: LiaisonStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if access == .open { return try await next(request, context) }
        guard let token = Self.bearerToken(request.headers[.authorization]) else {
            throw APIError(.unauthorized, "this route needs a token: send Authorization: Bearer <token>",
                           headers: [.wwwAuthenticate: "Bearer realm=\"liaison\""])
        }
        guard let (name, role) = try await store.authenticate(token: token) else {
            throw APIError(.unauthorized, "the bearer token is not valid",
                           headers: [.wwwAuthenticate: "Bearer realm=\"liaison\", error=\"invalid_token\""])
        }
        guard access.allows(role) else {
            let allowed = access.roles.map(\.rawValue).joined(separator: " or ")
            throw APIError(.forbidden, "a \(role.rawValue) token may not call \(request.method) \(request.uri.path); it needs \(allowed)")
        }
        var context = context
        context.caller = Caller(name: name, role: role)
        return try await next(request, context)
    }

    /// The token of an `Authorization` header value `Bearer <token>` (scheme matched case-insensitively).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
