import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `GET/POST /account/password`: each user changes their own password (and must, after a
/// one-time or reset password, before anything else).
extension WebRoutes {
    @Sendable func passwordPage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await showPasswordForm(user: context.user, notice: nil)
    }

    private func showPasswordForm(user: WebUser, notice: HTML?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let first: HTML =
            user.account.mustChangePassword
            ? WebNotice.warn("Choose your own password to carry on: the one you signed in with was for one use only.") : .empty
        // A one-time password is spent by the sign-in it opened: this session is the proof.
        let current: HTML =
            user.account.mustChangePassword
            ? .empty
            : """
            <div class="field"><label for="current">Current password</label>
            <input type="password" id="current" name="current" autocomplete="current-password" required></div>
            """
        return try await render(
            "Change your password",
            user: user,
            status: status,
            notice: notice,
            body: """
                <h1>Change your password</h1>
                \(first)
                <form method="post" action="/account/password" class="card stack">
                <input type="hidden" name="csrf" value="\(user.session.csrf)">
                <input type="text" name="username" value="\(user.name)" autocomplete="username" hidden>
                \(current)
                <div class="field"><label for="new">New password</label>
                <input type="password" id="new" name="new" autocomplete="new-password" required minlength="\(PasswordHash.minimumLength)" aria-describedby="new-help">
                <p class="help" id="new-help">At least \(PasswordHash.minimumLength) characters, not only spaces. A few unrelated words make a good one.</p></div>
                <div class="field"><label for="confirm">New password again</label>
                <input type="password" id="confirm" name="confirm" autocomplete="new-password" required></div>
                <div class="actions"><button type="submit">Change password</button></div>
                </form>
                """
        )
    }

    /// Checks the two new passwords agree, then changes the password as ``PasswordChange`` does
    /// (the current one checked, throttled like a sign-in, unless a one-time password opened
    /// the session), which ends every session of the account and starts a new one for this browser.
    @Sendable func changePassword(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["username", "current", "new", "confirm"]))
        let new = form["new"] ?? ""
        func problem(_ text: String, _ status: HTTPResponse.Status = .badRequest) async throws -> Response {
            try await showPasswordForm(user: user, notice: WebNotice.error(text), status: status)
        }
        guard new == form["confirm"] else { return try await problem("The two new passwords differ. Type the same one twice.") }
        switch try await PasswordChange(store: store, throttle: throttle).attempt(account: user.account, current: form["current"] ?? "", new: new) {
        case .wait(let seconds):
            return try await problem("Too many wrong passwords. Wait \(Wording.counted(seconds, "second")), then try again.", .tooManyRequests)
        case .currentWrong:
            return try await problem("Your current password is not right, so nothing was changed.")
        case .weak(let text):
            return try await problem("The new password is too weak: \(text).")
        case .unchanged:
            return try await problem("Choose a new password that differs from the current one.")
        case .changed(let sessionID):
            return withSessionCookies(.seeOther("/records?done=password"), session: sessionID)
        }
    }
}
