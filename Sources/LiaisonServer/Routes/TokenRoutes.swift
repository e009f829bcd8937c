import Foundation
import Hummingbird
import LiaisonHTTP
import LiaisonStore

/// `/v1/tokens`: admins list, make and revoke tokens.
extension APIHandlers {
    @Sendable func listTokens(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let tokens = try await store.tokens()
        return .json(
            .object([
                (
                    "tokens",
                    .array(
                        tokens.map { token in
                            .object([
                                ("name", .string(token.name)), ("role", .string(token.role.rawValue)), ("created_at", .time(token.createdAt)),
                                ("account", .string(token.account)),
                            ])
                        }
                    )
                )
            ])
        )
    }

    /// Body `{"name": "ci", "role": "reader"}`, or with `"user": "asha"` for a token that signs
    /// in as that account (as `liaison token create --user`); answers the token, the only time
    /// it is shown.
    @Sendable func createToken(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        struct Body: Decodable {
            let name: String
            let role: String
            let user: String?
        }
        let body = try await Self.decode(
            Body.self,
            request,
            members: ["name", "role", "user"],
            shape: #"{"name": "…", "role": "reader|editor|admin|peer", "user": "…"}"#
        )
        let role = try TokenRole.named(body.role, among: TokenRole.allCases)
        let token = try await store.createToken(name: body.name, role: role, account: body.user)
        var members: [(String, JSON)] = [("name", .string(body.name)), ("role", .string(role.rawValue)), ("token", .string(token))]
        if let user = body.user { members.append(("user", .string(user))) }
        return .json(.object(members), status: .created)
    }

    @Sendable func revokeToken(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        try await Self.refuseBody(request)
        try await store.revokeToken(name: context.parameters.decoded("name"))
        return Response(status: .noContent)
    }
}
