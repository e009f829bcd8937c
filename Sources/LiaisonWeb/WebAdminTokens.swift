import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// `/admin/tokens` (admins): API tokens for scripts (acting for a user) and for peers: list,
/// create (shown once), revoke.
///
/// A revoke answers 303 back to the page. Making a token answers the page itself, as the token
/// must not travel in a URL; sent again (a reload), it is refused: the name is taken.
extension WebRoutes {
    @Sendable func tokensPage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await showTokens(user: context.user, notice: WebNotice.done(WebForm.query(of: request)["done"]))
    }

    private func showTokens(user: WebUser, notice: HTML?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let tokens = try await store.tokens()
        let accounts = try await store.accounts()
        let rows = tokens.map { token -> HTML in
            """
            <tr><td><strong>\(token.name)</strong></td><td>\(token.role.rawValue)</td>
            <td>\(token.account ?? (token.role == .peer ? "another node" : "—"))</td><td>\(WebFormat.time(millis: token.createdAt))</td>
            <td><form method="post" action="/admin/tokens/\(token.name)/revoke">
            <input type="hidden" name="csrf" value="\(user.session.csrf)">
            <button type="submit" class="danger">Revoke</button></form></td></tr>
            """
        }
        let owners = accounts.filter { !$0.disabled }.map { account -> HTML in
            "<option value=\"\(account.name)\">\(account.displayName) (\(account.name), \(account.role.rawValue))</option>"
        }
        let roles = TokenRole.allCases.map { role -> HTML in
            "<option value=\"\(role.rawValue)\"\(HTML.flag("selected", role == .reader))>\(role.rawValue)</option>"
        }
        return try await render(
            "API tokens",
            user: user,
            section: .admin,
            status: status,
            notice: notice,
            body: """
                \(adminTabs("tokens"))
                <h1>API tokens</h1>
                <p class="muted">Tokens are for scripts (acting for a user, whose name their changes carry) and for other offices' nodes
                (role peer). People sign in with their user name and password instead.</p>
                <div class="table-wrap"><table class="list">
                <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Acts for</th>
                <th scope="col">Made</th><th scope="col">Revoke</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                <h2>Make a token</h2>
                <form method="post" action="/admin/tokens" class="card stack">
                <input type="hidden" name="csrf" value="\(user.session.csrf)">
                <div class="field"><label for="token-name">Name</label>
                <input type="text" id="token-name" name="name" required autocapitalize="none" spellcheck="false"></div>
                <div class="field"><label for="token-role">Role</label><select id="token-role" name="role">\(HTML.join(roles))</select></div>
                <div class="field"><label for="token-user">Acts for</label>
                <select id="token-user" name="user"><option value="">No user (a peer, or a script credited under the token's name)</option>\(HTML.join(owners))</select></div>
                <div class="actions"><button type="submit">Make token</button></div>
                </form>
                """
        )
    }

    @Sendable func createTokenForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["name", "role", "user"]))
        let name = form.text("name") ?? ""
        let role: TokenRole
        do {
            role = try TokenRole.named(form["role"] ?? "", among: TokenRole.allCases)
        } catch let error as APIError {
            return try await showTokens(user: user, notice: WebNotice.error("No token was made: \(error.sentence)."), status: .badRequest)
        }
        do {
            let token = try await store.createToken(name: name, role: role, account: form.text("user"))
            return try await showTokens(
                user: user,
                notice: """
                    <div class="notice ok" role="status">Token \(name) (\(role.rawValue)) was made. Copy it now; it is shown only once:
                    <code class="new-token">\(token)</code></div>
                    """
            )
        } catch let error as StoreError {
            let advice = error.nameClash.map { " " + $0.pageAdvice } ?? ""
            return try await showTokens(user: user, notice: WebNotice.error("No token was made: \(error.message).\(advice)"), status: .badRequest)
        }
    }

    @Sendable func revokeTokenForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        _ = try context.form(taking: .none)
        let name = context.parameters.decoded("name")
        do {
            try await store.revokeToken(name: name)
            return .seeOther("/admin/tokens?done=revoked")
        } catch let error as StoreError {
            return try await showTokens(user: user, notice: WebNotice.error(error.message), status: .notFound)
        }
    }
}
