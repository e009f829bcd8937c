import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// `/admin/users` (admins): list accounts, add one, change a role, disable or enable, reset a
/// password to a temporary one that must be changed at the next sign-in, and unlock a sign-in
/// kept waiting by failed tries (as `liaison user unlock`).
///
/// A change answers 303 back to the page saying what was done, so reloading it changes nothing
/// again. Adding a user and resetting a password answer the page itself, as the one-time
/// password must not travel in a URL: sent again (a reload), adding is refused (the name is
/// taken) and a reset is refused (the form names the password it saw, no longer the current one).
extension WebRoutes {
    /// Adds the admin pages to the admins' group: users, API tokens and peers.
    func registerAdmin(on admin: RouterGroup<WebContext>) {
        admin.get("/admin/users", use: usersPage)
        admin.post("/admin/users", use: addUser)
        admin.post("/admin/users/{name}", use: changeUser)
        admin.get("/admin/tokens", use: tokensPage)
        admin.post("/admin/tokens", use: createTokenForm)
        admin.post("/admin/tokens/{name}/revoke", use: revokeTokenForm)
        admin.post("/admin/peers", use: addPeerForm)
        admin.post("/admin/peers/{name}/remove", use: removePeerForm)
    }

    @Sendable func usersPage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await showUsers(user: context.user, notice: WebNotice.done(WebForm.query(of: request)["done"]))
    }

    /// The page; `adding` is an add-user form that was refused, shown again filled.
    private func showUsers(user: WebUser, notice: HTML?, status: HTTPResponse.Status = .ok, adding: WebForm? = nil) async throws -> Response {
        let accounts = try await store.accounts()
        let rows = accounts.map { account -> HTML in
            let state: HTML =
                account.disabled
                ? "<span class=\"badge deleted\">Disabled</span>"
                : account.mustChangePassword ? "<span class=\"badge\">Must set a password</span>" : "<span class=\"badge status\">Active</span>"
            let action = "/admin/users/\(account.name)"
            let csrf: HTML = "<input type=\"hidden\" name=\"csrf\" value=\"\(user.session.csrf)\">"
            return """
                <tr><td><strong>\(account.displayName)</strong><br><span class="muted">\(account.name)</span></td>
                <td><form method="post" action="\(action)" class="actions">\(csrf)<input type="hidden" name="action" value="role">
                <label class="visually-hidden" for="role-\(account.name)">Role of \(account.name)</label>
                \(roleSelect(id: "role-\(account.name)", selected: account.role))<button type="submit" class="secondary">Change</button></form></td>
                <td>\(state)</td><td>\(account.lastSignIn.map { WebFormat.time(millis: $0) } ?? "never")</td>
                <td><form method="post" action="\(action)" class="actions">\(csrf)
                <input type="hidden" name="password_stamp" value="\(account.passwordStamp)">
                <button type="submit" name="action" value="\(account.disabled ? "enable" : "disable")" class="secondary">\(account.disabled ? "Enable" : "Disable")</button>
                <button type="submit" name="action" value="reset" class="secondary">Reset password</button>
                <button type="submit" name="action" value="unlock" class="secondary">Unlock sign-in</button></form></td></tr>
                """
        }
        return try await render(
            "Users",
            user: user,
            section: .admin,
            status: status,
            notice: notice,
            body: """
                \(adminTabs("users"))
                <h1>Users</h1>
                <div class="table-wrap"><table class="list">
                <thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">State</th>
                <th scope="col">Last sign-in</th><th scope="col">Actions</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                <h2>Add a user</h2>
                <form method="post" action="/admin/users" class="card stack">
                <input type="hidden" name="csrf" value="\(user.session.csrf)">
                <div class="field"><label for="new-name">User name</label>
                <input type="text" id="new-name" name="name" value="\(adding?["name"])" required autocapitalize="none" spellcheck="false" aria-describedby="new-name-help">
                <p class="help" id="new-name-help">Letters, digits, '.', '-', '_' or '@'. Their changes are credited to this name.</p></div>
                <div class="field"><label for="new-display">Display name</label>
                <input type="text" id="new-display" name="display_name" value="\(adding?["display_name"])"></div>
                <div class="field"><label for="new-role">Role</label>\(roleSelect(id: "new-role", selected: (try? TokenRole.named(adding?["role"] ?? "")) ?? .editor))</div>
                <div class="actions"><button type="submit">Add user</button></div>
                <p class="help">The next page shows a one-time password to give them; they choose their own at first sign-in.</p>
                </form>
                """
        )
    }

    private func roleSelect(id: String, selected: TokenRole) -> HTML {
        let options = [TokenRole.reader, .editor, .admin].map { role -> HTML in
            "<option value=\"\(role.rawValue)\"\(HTML.flag("selected", role == selected))>\(role.rawValue)</option>"
        }
        return "<select id=\"\(id)\" name=\"role\">\(HTML.join(options))</select>"
    }

    /// The admin pages' tabs: users, tokens, peers.
    func adminTabs(_ current: String) -> HTML {
        let tabs = [("users", "Users"), ("tokens", "API tokens"), ("peers", "Peers and sync")].map { key, title -> HTML in
            let href = key == "peers" ? "/sync" : "/admin/\(key)"
            return
                "<a class=\"button\(key == current ? "" : " secondary")\" href=\"\(href)\"\(HTML.flag("aria-current=\"page\"", key == current))>\(title)</a>"
        }
        return "<nav class=\"actions\" aria-label=\"Admin\">\(HTML.join(tabs))</nav>"
    }

    @Sendable func addUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["name", "display_name", "role"]))
        let name = form.text("name") ?? ""
        let role: TokenRole
        do {
            role = try TokenRole.named(form["role"] ?? "")
        } catch let error as APIError {
            return try await showUsers(
                user: user,
                notice: WebNotice.error("The user was not added: \(error.sentence)."),
                status: .badRequest,
                adding: form
            )
        }
        let password = PasswordHash.temporaryPassword()
        do {
            try await store.addAccount(
                name: name,
                displayName: form.text("display_name"),
                role: role,
                password: password,
                mustChangePassword: true
            )
        } catch let error as StoreError {
            let advice = error.nameClash.map { " " + $0.pageAdvice } ?? ""
            return try await showUsers(
                user: user,
                notice: WebNotice.error("The user was not added: \(error.message).\(advice)"),
                status: .badRequest,
                adding: form
            )
        }
        return try await showUsers(
            user: user,
            notice: temporaryPasswordNotice(
                "\(name) was added as \(role.rawValue).",
                name: name,
                password: password
            )
        )
    }

    @Sendable func changeUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["action", "role", "password_stamp"]))
        let name = context.parameters.decoded("name")
        if form["action"] == "unlock" {
            do {
                try await store.unlockSignIn(name: name)
            } catch let error as StoreError {
                return try await showUsers(user: user, notice: WebNotice.error("Nothing was changed: \(error.message)."), status: .badRequest)
            }
            return .seeOther("/admin/users?done=unlocked")
        }
        var change = AccountChange()
        var password: String?
        switch form["action"] {
        case "role":
            do {
                change.role = try TokenRole.named(form["role"] ?? "")
            } catch let error as APIError {
                return try await showUsers(user: user, notice: WebNotice.error("Nothing was changed: \(error.sentence)."), status: .badRequest)
            }
        case "disable": change.disabled = true
        case "enable": change.disabled = false
        case "reset":
            password = PasswordHash.temporaryPassword()
            (change.password, change.mustChangePassword, change.passwordStamp) = (password, true, form["password_stamp"] ?? "")
        default: break
        }
        guard change.role != nil || change.disabled != nil || change.password != nil else {
            return try await showUsers(user: user, notice: WebNotice.error("Choose what to change."), status: .badRequest)
        }
        if let refusal = change.refusal(forAccount: name, by: user.name) {
            return try await showUsers(user: user, notice: WebNotice.error("\(refusal)."), status: .badRequest)
        }
        do {
            _ = try await store.changeAccount(name, change)
            if let password {
                return try await showUsers(
                    user: user,
                    notice: temporaryPasswordNotice(
                        "\(name)'s password was reset and their sessions ended.",
                        name: name,
                        password: password
                    )
                )
            }
            return .seeOther("/admin/users?done=\(change.disabled.map { $0 ? "disabled" : "enabled" } ?? "role")")
        } catch let error as StoreError where error.code == .refused {
            return try await showUsers(
                user: user,
                notice: WebNotice.warn(
                    "Nothing was changed: \(error.message). A reset sent again by reloading its page is refused, so the one-time password shown then stays the one to give; reset again below only if it was lost."
                ),
                status: .conflict
            )
        } catch let error as StoreError {
            return try await showUsers(user: user, notice: WebNotice.error("Nothing was changed: \(error.message)."), status: .badRequest)
        }
    }

    private func temporaryPasswordNotice(_ done: String, name: String, password: String) -> HTML {
        """
        <div class="notice ok" role="status">\(done) Give them this one-time password, by a channel only they read:
        <code class="one-time-password" data-user="\(name)">\(password)</code>. It is shown only now; they choose their own
        password when they first sign in.</div>
        """
    }
}
