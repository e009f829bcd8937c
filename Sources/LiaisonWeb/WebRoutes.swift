public import Hummingbird
import LiaisonCore
public import LiaisonHTTP
public import LiaisonReports
public import LiaisonStore
public import LiaisonSync

/// The web interface for office staff, served by `liaison serve` beside the API: sign-in,
/// records, conflicts, reports and sync status as server-rendered pages.
///
/// Every page but sign-in needs a signed-in staff account (sessions are kept in the store, see
/// ``WebSessions``); every POST carries the session's CSRF token and is refused with 403
/// without it; roles are those of the API. ``WebSessionMiddleware`` checks all of that on the
/// page's route groups. A user whose password must change sees only the password page until
/// it has.
///
/// ```swift
/// WebRoutes(store: store, engine: engine, plugins: plugins, secureCookies: false).register(on: router)
/// ```
public struct WebRoutes: Sendable {
    let store: LiaisonStore
    let engine: SyncEngine
    /// The plugins whose reports the page shows.
    let plugins: PluginRegistry
    /// Whether the session cookie is `Secure` (sent over HTTPS only): set when the node serves HTTPS.
    var secureCookies = false
    /// Slows repeated failed sign-ins (shared with `POST /v1/session`).
    var throttle = SignInThrottle()

    var schema: Schema { store.schema }

    /// The page of `store`'s records, syncing through `engine`, showing the reports of `plugins`.
    public init(
        store: LiaisonStore,
        engine: SyncEngine,
        plugins: PluginRegistry,
        secureCookies: Bool = false,
        throttle: SignInThrottle = SignInThrottle()
    ) {
        self.store = store
        self.engine = engine
        self.plugins = plugins
        self.secureCookies = secureCookies
        self.throttle = throttle
    }

    /// Adds every page and form of the web interface to `router`: sign-in and static assets
    /// as they are, everything else in groups behind ``WebSessionMiddleware``.
    public func register(on router: Router<LiaisonRequestContext>) {
        router.get("/") { _, _ in Response.seeOther("/records") }
        router.get("/static/liaison.css") { _, _ in Response.asset(WebAssets.css, type: "text/css; charset=utf-8") }
        router.get("/static/liaison.js") { _, _ in Response.asset(WebAssets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/login", use: signInPage)
        router.post("/login", use: signIn)
        router.get("/admin/peers") { _, _ in Response.seeOther("/sync") }

        let pending = signedIn(router, .reader, pending: true)
        pending.post("/logout", use: signOut)
        pending.get("/account/password", use: passwordPage)
        pending.post("/account/password", use: changePassword)

        let reader = signedIn(router, .reader)
        reader.get("/records", use: recordList)
        reader.get("/records.csv", use: recordCSV)
        reader.get("/records/{id}", use: recordPage)
        reader.get("/conflicts", use: conflictsPage)
        reader.get("/reports", use: reportsPage)
        reader.get("/reports/{id}", use: reportPage)
        reader.get("/reports/{id}/download", use: reportDownload)
        reader.get("/sync", use: syncPage)

        let editor = signedIn(router, .editor)
        editor.get("/import", use: importPage)
        editor.post("/import", use: importFile)
        editor.post("/records", use: createRecord)
        editor.get("/records/new", use: newRecordPage)
        editor.post("/records/{id}", use: updateRecord)
        editor.get("/records/{id}/edit", use: editRecordPage)
        editor.get("/records/{id}/delete", use: deletePage)
        editor.post("/records/{id}/delete", use: deleteRecord)
        editor.post("/records/{id}/resolve", use: resolveRecord)
        editor.post("/records/{id}/restore", use: restoreValue)
        editor.post("/records/{id}/undelete", use: undeleteRecord)

        let admin = signedIn(router, .admin)
        admin.post("/sync", use: syncNow)
        admin.post("/quarantine/drop", use: dropQuarantine)
        registerAdmin(on: admin)
    }

    /// A group of routes for users of at least `minimum`'s role (see ``WebSessionMiddleware``).
    private func signedIn(
        _ router: Router<LiaisonRequestContext>,
        _ minimum: TokenRole,
        pending: Bool = false
    ) -> RouterGroup<WebContext> {
        router.group(context: WebContext.self)
            .add(middleware: WebSessionMiddleware(page: self, minimum: minimum, pending: pending))
    }

    /// The signed-in user of a request: a live session of an enabled account.
    func user(_ request: Request) async throws -> WebUser? {
        guard let id = WebSessions.sessionID(of: request, node: store.identity), let session = try await store.session(id: id) else { return nil }
        return WebUser(session: WebSession(id: id), account: session.account)
    }

    /// 303 to the sign-in page, coming back to this page afterwards.
    static func signInRedirect(_ request: Request) -> Response {
        let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return .seeOther("/login?" + WebForm.query([("next", back)]))
    }

    /// A 403 page inside the layout.
    func refusal(_ user: WebUser, _ message: String) async throws -> Response {
        try await render(
            "Not allowed",
            user: user,
            status: .forbidden,
            body: """
                <h1>Not allowed</h1>
                <div class="notice error" role="alert">\(message)</div>
                <p><a href="/records">Back to the records</a></p>
                """
        )
    }

    /// An error as a page with the API's status for it.
    func errorPage(_ error: any Error, user: WebUser?) async -> Response {
        let answer = APIError(answering: error)
        let title = answer.status == .notFound ? "Not found" : (answer.status.code >= 500 ? "Something went wrong" : "Cannot do that")
        if let user,
            let page = try? await render(
                title,
                user: user,
                status: answer.status,
                body: """
                    <h1>\(title)</h1>
                    <div class="notice error" role="alert">\(answer.message)</div>
                    <p><a href="/records">Back to the records</a></p>
                    """
            )
        {
            return page
        }
        return Self.plainPage(status: answer.status, title: title, message: answer.message)
    }

    /// A page outside the layout (no session).
    static func plainPage(status: HTTPResponse.Status, title: String, message: String) -> Response {
        .html(
            WebLayout.bare(
                title: title,
                body: """
                    <div class="signin card stack">
                    <h1>\(title)</h1>
                    <div class="notice error" role="alert">\(message)</div>
                    <p><a class="button" href="/login">Sign in</a></p>
                    </div>
                    """
            ),
            status: status
        )
    }

    /// A page in the layout for `user`.
    func render(
        _ title: String,
        user: WebUser,
        section: WebLayout.Section? = nil,
        status: HTTPResponse.Status = .ok,
        notice: HTML? = nil,
        body: HTML
    ) async throws -> Response {
        let conflicts = try await store.counts().conflicted
        let chrome = WebLayout(
            office: store.identity.office,
            replicaID: store.identity.replicaID,
            user: user,
            conflicts: conflicts
        )
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
        headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
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
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
