import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `/v1/users` (admins): list, add and change staff accounts, and unlock a sign-in. Passwords are never answered,
/// except the one-time password of an account made without one.
extension APIHandlers {
    @Sendable func listUsers(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        .json(.object([("users", .array(try await store.accounts().map(Self.json)))]))
    }

    /// Body `{"name": "asha", "role": "editor", "display_name": "Asha Rao", "password": "…"}`
    /// (`display_name` and `password` optional). Without a password the answer carries a
    /// one-time `password` that must be changed at the first sign-in.
    @Sendable func createUser(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        struct Body: Decodable {
            let name: String
            let role: String
            let display_name: String?
            let password: String?
        }
        let body = try await Self.decode(
            Body.self,
            request,
            members: ["name", "role", "display_name", "password"],
            shape: #"{"name": "…", "role": "reader|editor|admin", "display_name": "…", "password": "…"}"#
        )
        let role = try TokenRole.named(body.role)
        let password = body.password ?? PasswordHash.temporaryPassword()
        let account = try await store.addAccount(
            name: body.name,
            displayName: body.display_name,
            role: role,
            password: password,
            mustChangePassword: body.password == nil
        )
        var members = Self.members(account)
        if body.password == nil { members.append(("password", .string(password))) }
        return .json(.object(members), status: .created)
    }

    /// Body with any of `role`, `display_name`, `disabled`, `password` (set by an admin: it
    /// must be changed at the next sign-in unless `"must_change_password": false`). An admin may
    /// not disable themselves or take away their own admin role (400, as on the page).
    @Sendable func updateUser(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        struct Body: Decodable {
            let role: String?
            let display_name: String?
            let disabled: Bool?
            let password: String?
            let must_change_password: Bool?
        }
        let body = try await Self.decode(
            Body.self,
            request,
            members: ["role", "display_name", "disabled", "password", "must_change_password"],
            shape: #"{"role": "…", "display_name": "…", "disabled": true, "password": "…", "must_change_password": true}"#
        )
        // It says what becomes of a password given with it: alone it was answered 200 and did nothing.
        if body.must_change_password != nil, body.password == nil {
            throw APIError.badRequest(
                "must_change_password goes with a new password (\"password\"): it says whether that one must be changed at the next sign-in"
            )
        }
        let change = AccountChange(
            role: try body.role.map { try TokenRole.named($0) },
            displayName: body.display_name,
            disabled: body.disabled,
            password: body.password,
            mustChangePassword: body.password == nil ? nil : body.must_change_password ?? true
        )
        let name = context.parameters.decoded("name")
        // A caller named like no user (a name-only token) changing that name gets the 404 below.
        if let refusal = change.refusal(forAccount: name, by: context.author), try await store.account(named: name) != nil {
            throw APIError.badRequest(refusal)
        }
        let account = try await store.changeAccount(name, change)
        return .json(.object(Self.members(account)))
    }

    /// Lets `name` sign in again at once after failed sign-ins made them wait, as
    /// `liaison user unlock` and the page's **Unlock sign-in** do (``LiaisonStore/unlockSignIn(name:)``).
    /// Takes no body (or `{}`); 204, or 404 for an unknown user.
    @Sendable func unlockUser(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        try await Self.refuseBody(request)
        try await store.unlockSignIn(name: context.parameters.decoded("name"))
        return Response(status: .noContent)
    }

    static func json(_ account: Account) -> JSON { .object(members(account)) }

    static func members(_ account: Account) -> [(String, JSON)] {
        [
            ("name", .string(account.name)), ("display_name", .string(account.displayName)), ("role", .string(account.role.rawValue)),
            ("disabled", .bool(account.disabled)), ("must_change_password", .bool(account.mustChangePassword)),
            ("created_at", .time(account.createdAt)), ("last_sign_in", .time(account.lastSignIn)),
        ]
    }
}
