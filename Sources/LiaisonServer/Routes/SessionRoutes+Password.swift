import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// `PATCH /v1/session`: the signed-in user chooses their own password, as on the web page's
/// `/account/password` and by the same rules (``PasswordChange``), so that an API client signed
/// in with a one-time password can go on without the page.
extension APIHandlers {
    /// Body `{"password": "…"}` after a one-time password, else `{"current_password": "…",
    /// "password": "…"}`, as `application/json` with the session's cookie and `X-CSRF-Token`.
    /// Every session of the account ends; the answer sets the cookie of a new one (and its `csrf`).
    @Sendable func updateSession(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        struct Body: Decodable {
            let password: String
            let currentPassword: String?
            enum CodingKeys: String, CodingKey {
                case password
                case currentPassword = "current_password"
            }
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw APIError(.unsupportedMediaType, "send the new password as Content-Type: application/json")
        }
        guard let id = WebSessions.sessionID(of: request, node: store.identity), let session = try await store.session(id: id) else {
            throw APIError(
                .unauthorized,
                "PATCH /v1/session changes the password of a signed-in user: sign in with POST /v1/session and send its cookie"
            )
        }
        guard TokenDigest.equal(request.headers[AuthMiddleware.csrfHeader] ?? "", WebSession(id: id).csrf) else {
            throw APIError(.forbidden, "a write with a session cookie needs the session's X-CSRF-Token header")
        }
        let shape = #"{"current_password": "…", "password": "…"}"#
        let body = try await Self.decode(Body.self, request, members: ["password", "current_password"], shape: shape)
        let account = session.account
        guard account.mustChangePassword || body.currentPassword != nil else {
            throw APIError(
                .badRequest,
                "current_password is required: the body must be JSON like \(shape)",
                fields: [("current_password", "is required")]
            )
        }
        switch try await PasswordChange(store: store, throttle: throttle).attempt(
            account: account,
            current: body.currentPassword ?? "",
            new: body.password
        ) {
        case .wait(let seconds):
            throw APIError(
                .tooManyRequests,
                "too many wrong passwords for this account; try again in \(seconds) s",
                headers: [.retryAfter: String(seconds)]
            )
        case .currentWrong:
            throw APIError(.forbidden, "current_password is not right, so nothing was changed", fields: [("current_password", "is not right")])
        case .weak(let problem):
            throw APIError(.badRequest, "the new password is too weak: \(problem)", fields: [("password", problem)])
        case .unchanged:
            throw APIError(
                .badRequest,
                "choose a new password that differs from the current one",
                fields: [("password", "is the current password")]
            )
        case .changed(let newID):
            let changed = try await store.account(named: account.name) ?? account
            var members = Self.members(changed)
            members.append(("csrf", .string(WebSession(id: newID).csrf)))
            var response = Response.json(.object(members))
            response.setCookie(WebSessions.sessionCookie(newID, node: store.identity, secure: secureCookies))
            return response
        }
    }
}
