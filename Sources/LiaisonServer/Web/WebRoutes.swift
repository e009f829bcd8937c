import Hummingbird
import LiaisonCore
import LiaisonReports
import LiaisonStore
import LiaisonSync

/// The web interface for office staff, served by `liaison serve` beside the API: sign-in,
/// records, conflicts, reports and sync status as server-rendered pages.
///
/// Every page needs a signed-in staff account (sessions are kept in the store, see
/// ``WebSessions``); every POST carries the session's CSRF token and is refused with 403
/// without it; roles are those of the API. A user whose password must change sees only the
/// password page until it has.
///
/// ```swift
/// WebRoutes(store: store, engine: engine, plugins: plugins, secureCookies: false).register(on: router)
/// ```
struct WebRoutes: Sendable {
    typealias Handler = @Sendable (Request, LiaisonRequestContext) async throws -> Response
    typealias PageHandler = @Sendable (Request, LiaisonRequestContext, WebUser) async throws -> Response
    typealias FormHandler = @Sendable (Request, LiaisonRequestContext, WebUser, WebForm) async throws -> Response

    let store: LiaisonStore
    let engine: SyncEngine
    /// The plugins whose reports the page shows.
    let plugins: PluginRegistry
    /// Whether the session cookie is `Secure` (sent over HTTPS only): set when the node serves HTTPS.
    var secureCookies = false
    /// Slows repeated failed sign-ins (shared with `POST /v1/session`).
    var throttle = SignInThrottle()

    var schema: Schema { store.schema }

    /// Adds every page and form of the web interface to `router`.
    func register(on router: Router<LiaisonRequestContext>) {
        router.get("/") { _, _ in Response.seeOther("/records") }
        router.get("/static/liaison.css") { _, _ in Response.asset(WebAssets.css, type: "text/css; charset=utf-8") }
        router.get("/static/liaison.js") { _, _ in Response.asset(WebAssets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/login", use: signInPage)
        router.post("/login", use: signIn)
        router.post("/logout", use: form(.reader, pending: true, signOut))
        router.get("/account/password", use: page(.reader, pending: true, passwordPage))
        router.post("/account/password", use: form(.reader, pending: true, changePassword))
        router.get("/records", use: page(.reader, recordList))
        router.get("/records.csv", use: page(.reader, recordCSV))
        router.get("/import", use: page(.editor, importPage))
        router.post("/import", use: form(.editor, importFile))
        router.post("/records", use: form(.editor, createRecord))
        router.get("/records/new", use: page(.editor, newRecordPage))
        router.get("/records/{id}", use: page(.reader, recordPage))
        router.post("/records/{id}", use: form(.editor, updateRecord))
        router.get("/records/{id}/edit", use: page(.editor, editRecordPage))
        router.get("/records/{id}/delete", use: page(.editor, deletePage))
        router.post("/records/{id}/delete", use: form(.editor, deleteRecord))
        router.post("/records/{id}/resolve", use: form(.editor, resolveRecord))
        router.post("/records/{id}/restore", use: form(.editor, restoreValue))
        router.get("/conflicts", use: page(.reader, conflictsPage))
        router.get("/reports", use: page(.reader, reportsPage))
        router.get("/reports/{id}", use: page(.reader, reportPage))
        router.get("/reports/{id}/download", use: page(.reader, reportDownload))
        router.get("/sync", use: page(.reader, syncPage))
        router.post("/sync", use: form(.admin, syncNow))
        router.post("/quarantine/drop", use: form(.admin, dropQuarantine))
        registerAdmin(on: router)
    }

    /// The signed-in user of a request: a live session of an enabled account.
    func user(_ request: Request) async throws -> WebUser? {
        guard let id = WebSessions.cookie(WebSessions.cookieName, in: request.headers[.cookie]),
              let session = try await store.session(id: id)
        else { return nil }
        return WebUser(session: WebSession(id: id), account: session.account)
    }

    /// A GET page for users of at least `minimum`'s role; others are sent to sign in (no
    /// session) or refused (403). Unless `pending`, a user who must change their password is
    /// sent to do that first.
    func page(_ minimum: TokenRole, pending: Bool = false, _ body: @escaping PageHandler) -> Handler {
        { request, context in
            var signedIn: WebUser?
            do {
                guard let user = try await user(request) else { return Self.signInRedirect(request) }
                signedIn = user
                if user.account.mustChangePassword && !pending { return .seeOther("/account/password") }
                guard Access.staff(minimum).allows(user.role) else {
                    return try await refusal(user, "Your role (\(user.role.rawValue)) may only read. Ask an admin for the editor role to change records.")
                }
                return try await body(request, context, user)
            } catch {
                return await errorPage(error, user: signedIn)
            }
        }
    }

    /// A form POST: a session, the session's CSRF token and a role of at least `minimum`.
    /// Anything less is refused with 403 and changes nothing. A form sent after its session
    /// ended gets the sign-in page, which keeps what was typed (see ``signIn(_:_:)``).
    func form(_ minimum: TokenRole, pending: Bool = false, _ body: @escaping FormHandler) -> Handler {
        { request, context in
            var signedIn: WebUser?
            do {
                guard let user = try await user(request) else {
                    let form = try await WebForm.body(of: request)
                    return signInForm(
                        next: Self.pageAfterSignIn(request.uri.path), notice: WebNotice.warn(
                            "Your session has ended, so nothing was saved yet. Sign in again to carry on: what you typed comes back."),
                        status: .forbidden, resume: SignInResume(path: request.uri.path, form: form))
                }
                signedIn = user
                if user.account.mustChangePassword && !pending {
                    return try await refusal(user, "Choose a new password first (Password, at the top of the page), then repeat the change.")
                }
                let form = try await WebForm.body(of: request)
                guard let csrf = form["csrf"], TokenDigest.equal(csrf, user.session.csrf) else {
                    return try await refusal(user, "This form did not come from this page or has expired, so nothing was saved. Go back, reload the page and try again.")
                }
                guard Access.staff(minimum).allows(user.role) else {
                    return try await refusal(user, "Your role (\(user.role.rawValue)) may not make this change, so nothing was saved.")
                }
                return try await body(request, context, user, form)
            } catch {
                return await errorPage(error, user: signedIn)
            }
        }
    }

    /// 303 to the sign-in page, coming back to this page afterwards.
    static func signInRedirect(_ request: Request) -> Response {
        let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return .seeOther("/login?" + WebForm.query([("next", back)]))
    }

    /// A 403 page inside the layout.
    func refusal(_ user: WebUser, _ message: String) async throws -> Response {
        try await render("Not allowed", user: user, status: .forbidden, body: """
            <h1>Not allowed</h1>
            <div class="notice error" role="alert">\(message)</div>
            <p><a href="/records">Back to the records</a></p>
            """)
    }

    /// An error as a page with the API's status for it.
    func errorPage(_ error: any Error, user: WebUser?) async -> Response {
        let answer = ErrorMiddleware.apiError(for: error)
        let title = answer.status == .notFound ? "Not found" : (answer.status.code >= 500 ? "Something went wrong" : "Cannot do that")
        if let user, let page = try? await render(title, user: user, status: answer.status, body: """
            <h1>\(title)</h1>
            <div class="notice error" role="alert">\(answer.message)</div>
            <p><a href="/records">Back to the records</a></p>
            """) {
            return page
        }
        return Self.plainPage(status: answer.status, title: title, message: answer.message)
    }

    /// A page outside the layout (no session).
    static func plainPage(status: HTTPResponse.Status, title: String, message: String) -> Response {
        .html(WebLayout.bare(title: title, body: """
            <div class="signin card stack">
            <h1>\(title)</h1>
            <div class="notice error" role="alert">\(message)</div>
            <p><a class="button" href="/login">Sign in</a></p>
            </div>
            """), status: status)
    }

    /// A page in the layout for `user`.
    func render(
        _ title: String, user: WebUser, section: WebLayout.Section? = nil, status: HTTPResponse.Status = .ok,
        notice: HTML? = nil, body: HTML
    ) async throws -> Response {
        let conflicts = try await store.counts().conflicted
        let chrome = WebLayout(office: store.identity.office, replicaID: store.identity.replicaID, user: user,
                               conflicts: conflicts)
        return .html(chrome.page(title: title, section: section, notice: notice, body: body), status: status)
    }
}

extension Response {
    /// A page with the web interface's security headers: no caching, no framing, scripts and
    /// styles from this server only (reports carry inline styles).
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        headers[HTTPFields.Element.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// 303 See Other to `location` (after a form, or to sign in).
    static func seeOther(_ location: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// A static asset.
    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
