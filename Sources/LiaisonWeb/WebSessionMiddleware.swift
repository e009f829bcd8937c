import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// The session and CSRF check in front of every page and form but sign-in and static assets.
///
/// A page (GET) needs a session; without one it is sent to sign in and come back. A form (POST)
/// needs a session and that session's CSRF token in its `csrf` field; a form sent after its
/// session ended gets the sign-in page, which keeps what was typed (see
/// ``WebRoutes/signIn(_:_:)``). Both need a role of at least `minimum`; anything less is refused
/// with 403 and changes nothing. Unless `pending`, a user who must change their password is
/// sent to do that first. Errors the route throws answer as a page with the API's status.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = WebContext

    /// The page whose layout refusals and errors use.
    let page: WebRoutes
    /// The least role the group's routes need.
    let minimum: TokenRole
    /// Whether a user who must change their password may use the group's routes.
    var pending = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            guard let user = try await page.user(request) else { return try await signInFirst(request) }
            context.signedIn = user
            if request.method == .post {
                if user.account.mustChangePassword && !pending {
                    return try await page.refusal(user, "Choose a new password first (Password, at the top of the page), then repeat the change.")
                }
                let form = try await WebForm.body(of: request)
                guard let csrf = form["csrf"], TokenDigest.equal(csrf, user.session.csrf) else {
                    return try await page.refusal(
                        user,
                        "This form did not come from this page or has expired, so nothing was saved. Go back, reload the page and try again."
                    )
                }
                guard Access.staff(minimum).allows(user.role) else {
                    return try await page.refusal(user, formRefusal(user.role))
                }
                context.submitted = form
            } else {
                if user.account.mustChangePassword && !pending { return .seeOther("/account/password") }
                guard Access.staff(minimum).allows(user.role) else { return try await page.refusal(user, pageRefusal(user.role)) }
            }
            return try await next(request, context)
        } catch {
            return await page.errorPage(error, user: context.signedIn)
        }
    }

    /// `Sec-Fetch-Site`: where a browser says a request comes from (`same-origin` from this node's pages).
    private static let fetchSite = HTTPFields.Element.Name("Sec-Fetch-Site")!

    /// Why a page is refused to `role`: the role it needs, and whom to ask.
    private func pageRefusal(_ role: TokenRole) -> String {
        minimum == .admin
            ? "This page is for admins; your role (\(role.rawValue)) cannot open it. Ask an admin if you need a change made here."
            : "Your role (\(role.rawValue)) may only read. Ask an admin for the editor role to change records."
    }

    /// Why a form is refused to `role`: the role it needs, and whom to ask.
    private func formRefusal(_ role: TokenRole) -> String {
        "This change needs the \(minimum.rawValue) role; yours (\(role.rawValue)) may not make it, so nothing was saved. "
            + (minimum == .admin ? "Ask an admin if you need it made." : "Ask an admin for the editor role to change records.")
    }

    /// Without a session: a page goes to sign in and comes back; a form whose session ended gets
    /// the sign-in page (403) carrying what was typed, and any other form the sign-in page alone.
    private func signInFirst(_ request: Request) async throws -> Response {
        guard request.method == .post else { return WebRoutes.signInRedirect(request) }
        // A form this node's page sent after its session ended still carries the session's
        // cookie, which the browser sends to this site alone (`SameSite=Strict`). A form that
        // another site has a browser send has none: carried into the sign-in page, its fields
        // would fill the form its victim then saves, under a false "your session has ended".
        let fromThisSite =
            WebSessions.sessionID(of: request, node: page.store.identity) != nil
            && request.headers[Self.fetchSite].map { $0 == "same-origin" } ?? true
        guard fromThisSite else {
            return page.signInForm(
                next: WebRoutes.pageAfterSignIn(request.uri.path),
                notice: WebNotice.warn("Sign in first: nothing was saved."),
                status: .forbidden
            )
        }
        let form = try await WebForm.body(of: request)
        return page.signInForm(
            next: WebRoutes.pageAfterSignIn(request.uri.path),
            notice: WebNotice.warn(
                "Your session has ended, so nothing was saved yet. Sign in again to carry on: what you typed comes back."
            ),
            status: .forbidden,
            resume: SignInResume(path: request.uri.path, form: form)
        )
    }
}
