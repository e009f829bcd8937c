import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// `POST /v1/session` signs in with a user name and password and answers the session cookie
/// (the web page's, good for the API too, with `X-CSRF-Token` on writes); `DELETE /v1/session`
/// signs out, with `X-CSRF-Token` too. Failed sign-ins are slowed as on the page: 429 with `Retry-After`.
extension APIHandlers {
    /// Body `{"name": "asha", "password": "…"}`, sent as `application/json` (which a cross-site
    /// form cannot send).
    @Sendable func createSession(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        struct Body: Decodable {
            let name: String
            let password: String
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw APIError(.unsupportedMediaType, "send the sign-in as Content-Type: application/json")
        }
        let body = try await Self.decode(Body.self, request, members: ["name", "password"], shape: #"{"name": "…", "password": "…"}"#)
        switch try await SignIn(store: store, throttle: throttle).attempt(
            name: body.name,
            password: body.password,
            address: context.remoteAddress
        ) {
        case .wait(let seconds):
            throw APIError(
                .tooManyRequests,
                "too many failed sign-ins for this account or address; try again in \(seconds) s",
                headers: [.retryAfter: String(seconds)]
            )
        case .refused:
            throw APIError(.unauthorized, "the user name or the password is wrong")
        case .disabled:
            throw APIError(.forbidden, "this account is disabled")
        case .signedIn(let account, let id):
            var members = Self.members(account)
            members.append(("csrf", .string(WebSession(id: id).csrf)))
            var response = Response.json(.object(members), status: .created)
            response.setCookie(
                WebSessions.sessionCookie(id, node: store.identity, secure: secureCookies)
            )
            return response
        }
    }

    /// Ends the session of the request's cookie, which must come with its `X-CSRF-Token` (403
    /// without: like every write with a session cookie); a cookie of an ended session is only
    /// cleared.
    @Sendable func deleteSession(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        try await Self.refuseBody(request)
        if let id = WebSessions.sessionID(of: request, node: store.identity), try await store.session(id: id) != nil {
            try AuthMiddleware.checkCSRF(request, session: id)
            try await store.endSession(id: id)
        }
        var response = Response(status: .noContent)
        response.setCookie(WebSessions.endedSessionCookie(node: store.identity, secure: secureCookies))
        return response
    }
}
