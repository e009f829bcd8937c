import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `GET /login`, `POST /login`, `POST /logout`: sign-in by user name and password.
///
/// The sign-in form is protected against cross-site posts by a double-submit token: the page
/// sets a random `liaison_signin_<replica id>` cookie and carries the same value in the form; a post
/// without both, equal, is refused with 403 and checks no password.
extension WebRoutes {
    @Sendable func signInPage(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let query = WebForm.query(of: request)
        if try await user(request) != nil { return .seeOther(Self.safeNext(query["next"])) }
        return signInForm(next: query["next"], notice: try await firstAdminNotice() ?? WebNotice.done(query["done"]))
    }

    /// While the node has no account, how to make the first admin (nobody can sign in before).
    private func firstAdminNotice() async throws -> HTML? {
        try await store.firstAdminCommand().map { command in
            """
            <div class="notice warn" role="alert">This node has no user accounts yet, so nobody can sign in. Whoever runs the
            server makes the first admin there with <code>\(command)</code>: it prints a one-time password to sign in with
            (and change at once).</div>
            """
        }
    }

    @Sendable func signIn(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let form = try await WebForm.body(of: request)
        let resume = SignInResume(path: form["resume_to"], encoded: form["resume"])
        let name = form.text("username")
        // Shown again in the form when it could be a name (a name of megabytes came back in each
        // refusal's page).
        let shown = name.flatMap { $0.unicodeScalars.count <= 200 ? $0 : nil }
        func again(_ notice: String, _ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
            signInForm(
                next: form["next"],
                notice: WebNotice.error(notice),
                status: status,
                resume: resume,
                username: shown,
                headers: headers
            )
        }
        let cookie = request.cookies[store.identity.signInCookieName]?.value ?? ""
        guard !cookie.isEmpty, TokenDigest.equal(cookie, form["signin"] ?? "") else {
            // Without the form it carried: another site's form posted here came back as what
            // the person had typed, for them to sign in and save.
            return signInForm(
                next: form["next"],
                notice: WebNotice.error("This sign-in form had expired or did not come from this page, so nothing was checked. Sign in again."),
                status: .forbidden,
                username: shown
            )
        }
        if let refusal = form.refusal(.signIn) { return again(WebFormat.sentence(refusal) + ".", .badRequest) }
        guard let name, let password = form["password"], !password.isEmpty else {
            return again("Enter your user name and your password.", .badRequest)
        }
        let outcome: SignIn.Outcome
        do {
            outcome = try await SignIn(store: store, throttle: throttle).attempt(name: name, password: password, address: context.remoteAddress)
        } catch {
            guard let unavailable = WebUnavailable(error) else { throw error }
            return again(unavailable.notice, .serviceUnavailable, headers: unavailable.headers)
        }
        switch outcome {
        case .wait(let seconds):
            return again(
                "Too many failed sign-ins for this account or from this computer. Wait \(Wording.counted(seconds, "second")), then try again.",
                .tooManyRequests,
                headers: [.retryAfter: String(seconds)]
            )
        case .refused:
            if let notice = try await firstAdminNotice() {
                return signInForm(next: form["next"], notice: notice, status: .unauthorized, resume: resume, username: shown)
            }
            return again(
                "The user name or the password is wrong. Check both and try again; your office's admin can reset a forgotten password.",
                .unauthorized
            )
        case .disabled:
            return again("This account is disabled. Ask your office's admin if you should still have access.", .forbidden)
        case .signedIn(let account, let id):
            let user = WebUser(session: WebSession(id: id), account: account)
            if !account.mustChangePassword, let resume, let page = try await resumedForm(resume, user: user) {
                return withSessionCookies(page, session: id)
            }
            let next = account.mustChangePassword ? "/account/password" : Self.safeNext(form["next"])
            return withSessionCookies(.seeOther(next), session: id)
        }
    }

    @Sendable func signOut(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.form(taking: .none)
        try await store.endSession(id: try context.user.session.id)
        var response = Response.seeOther("/login?done=signedout")
        response.setCookie(WebSessions.endedSessionCookie(node: store.identity, secure: secureCookies))
        return response
    }

    /// `response` with the cookies of a new session: the session (for 7 days at most) and the
    /// sign-in form's token cleared.
    func withSessionCookies(_ response: Response, session id: String) -> Response {
        var response = response
        response.setCookie(
            WebSessions.sessionCookie(id, node: store.identity, secure: secureCookies)
        )
        response.setCookie(WebSessions.cookie(store.identity.signInCookieName, "", path: "/login", maxAge: 0, secure: secureCookies))
        return response
    }

    /// The sign-in page, with a fresh sign-in token in its cookie and form. `resume` carries a
    /// form that was sent after its session ended.
    func signInForm(
        next: String?,
        notice: HTML?,
        status: HTTPResponse.Status = .ok,
        resume: SignInResume? = nil,
        username: String? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        let token = WebSessions.randomToken()
        let carried: HTML =
            resume.map {
                """
                <input type="hidden" name="resume_to" value="\($0.path)">
                <input type="hidden" name="resume" value="\($0.encoded)">
                """
            } ?? .empty
        var page = Response.html(
            WebLayout.bare(
                title: "Sign in",
                office: store.identity.office,
                body: """
                    <div class="signin card stack">
                    <h1>Liaison</h1>
                    <p class="muted" style="text-align:center">\(WebFormat.office(store.identity.office)) office · partnership records</p>
                    \(notice)
                    <form method="post" action="/login" class="stack">
                    <input type="hidden" name="next" value="\(Self.safeNext(next))">
                    <input type="hidden" name="signin" value="\(token)">
                    \(carried)
                    <div class="field">
                    <label for="username">User name</label>
                    <input type="text" id="username" name="username" value="\(username)" autocomplete="username" required autocapitalize="none" spellcheck="false"\(HTML.flag("autofocus", username == nil))>
                    </div>
                    <div class="field">
                    <label for="password">Password</label>
                    <input type="password" id="password" name="password" autocomplete="current-password" required aria-describedby="password-help"\(HTML.flag("autofocus", username != nil))>
                    <p class="help" id="password-help">Forgot it? Your office's admin can reset it.</p>
                    </div>
                    <button type="submit">Sign in</button>
                    </form>
                    </div>
                    """
            ),
            status: status,
            headers: headers
        )
        page.setCookie(WebSessions.cookie(store.identity.signInCookieName, token, path: "/login", maxAge: 3600, secure: secureCookies))
        return page
    }

    /// A local path to return to after sign-in: it must start with one `/` and hold no
    /// backslash, space, tab or other control character anywhere; anything else goes to `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/login"),
            !next.unicodeScalars.contains(where: {
                $0 == "\\" || $0.properties.isWhitespace
                    || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            })
        else { return "/" }
        return next
    }

    /// The page to go to after signing in again, for a form sent to `path` after its session ended.
    static func pageAfterSignIn(_ path: String) -> String {
        let parts = path.split(separator: "/")
        if parts.first == "records", parts.count >= 2 { return "/records/\(parts[1])" }
        if parts.first == "admin", parts.count >= 2 { return "/admin/\(parts[1])" }
        if path == "/sync" || path == "/account/password" { return path }
        return "/records"
    }
}

/// A record form that was sent after its session ended, carried through the sign-in page (never
/// its CSRF token) so that signing in again brings it back filled.
struct SignInResume: Sendable {
    /// Where the form was sent (`/records` or `/records/<id>`).
    let path: String
    /// What was typed, as sent.
    let form: WebForm

    /// The form sent to `path`; `nil` unless that is a record form, the only forms brought back
    /// (a password form was copied into the sign-in page, passwords and all).
    init?(path: String, form: WebForm) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard path.hasPrefix("/"), parts.first == "records", parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.path = path
        self.form = WebForm(pairs: form.pairs.filter { $0.name != "csrf" })
    }

    /// The form as the sign-in page carried it; `nil` when there is none or the path is not local.
    init?(path: String?, encoded: String?) {
        guard let path, let encoded, WebRoutes.safeNext(path) == path else { return nil }
        self.init(path: path, form: WebForm(encoded: encoded))
    }

    /// `name=value&…`, keeping empty values (a field that was cleared).
    var encoded: String {
        form.pairs.map { WebForm.encode($0.name) + "=" + WebForm.encode($0.value) }.joined(separator: "&")
    }
}
