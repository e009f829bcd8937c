import Hummingbird
import LiaisonStore

/// `GET /login`, `POST /login`, `POST /logout`.
extension WebRoutes {
    @Sendable func signInPage(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let query = WebForm.query(of: request)
        if try await user(request) != nil { return .seeOther(Self.safeNext(query["next"])) }
        return signInForm(next: query["next"], notice: WebNotice.done(query["done"]))
    }

    @Sendable func signIn(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let form = try await WebForm.body(of: request)
        let token = form.text("token") ?? ""
        guard !token.isEmpty else {
            return signInForm(next: form["next"], notice: WebNotice.error("Paste your staff token to sign in."), status: .badRequest)
        }
        guard let (_, role) = try await store.authenticate(token: token) else {
            return signInForm(next: form["next"], notice: WebNotice.error(
                "That token is not valid here. Check that you copied all of it, or ask your office's admin for a new one."),
                status: .unauthorized)
        }
        guard role != .peer else {
            return signInForm(next: form["next"], notice: WebNotice.error(
                "That is a peer token, which other nodes use to sync. People sign in with a staff token (reader, editor or admin)."),
                status: .forbidden)
        }
        let session = sessions.start(token: token)
        let cookie = sessionCookie(value: session.id, maxAge: Int(WebSessions.idleLimit))
        return .seeOther(Self.safeNext(form["next"]), headers: [.setCookie: cookie])
    }

    @Sendable func signOut(_ request: Request, _ context: LiaisonRequestContext, _ user: WebUser, _ form: WebForm) async throws -> Response {
        sessions.end(user.session.id)
        return .seeOther("/login?done=signedout", headers: [.setCookie: sessionCookie(value: "", maxAge: 0)])
    }

    /// The session cookie: only for this site's pages, never to scripts, never cross-site, and
    /// over HTTPS only when the node serves HTTPS.
    private func sessionCookie(value: String, maxAge: Int) -> String {
        "\(WebSessions.cookieName)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)"
            + (secureCookies ? "; Secure" : "")
    }

    private func signInForm(next: String?, notice: HTML?, status: HTTPResponse.Status = .ok) -> Response {
        .html(WebLayout.bare(title: "Sign in", office: store.identity.office, body: """
            <div class="signin card stack">
            <h1>Liaison</h1>
            <p class="muted" style="text-align:center">\(WebFormat.office(store.identity.office)) office · partnership records</p>
            \(notice)
            <form method="post" action="/login" class="stack">
            <input type="hidden" name="next" value="\(Self.safeNext(next))">
            <div class="field">
            <label for="token">Staff token</label>
            <input type="password" id="token" name="token" autocomplete="current-password" required aria-describedby="token-help" autofocus>
            <p class="help" id="token-help">The token your office's admin gave you (made with <code>liaison token create</code>). It stays on this computer's session only.</p>
            </div>
            <button type="submit">Sign in</button>
            </form>
            </div>
            """), status: status)
    }

    /// A local path to return to after sign-in; anything else goes to the records.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.contains("\r"), !next.contains("\n"), !next.hasPrefix("/login")
        else { return "/records" }
        return next
    }
}
