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

    /// Body `{"name": "asha", "role": "editor"}`; answers the token, the only time it is shown.
    @Sendable func createToken(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        struct Body: Decodable {
            let name: String
            let role: String
        }
        let bytes = try await request.collectBody()
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else {
            throw APIError.badRequest("the body must be {\"name\": \"…\", \"role\": \"reader|editor|admin|peer\"}")
        }
        guard let role = TokenRole(rawValue: body.role) else {
            throw APIError(
                .badRequest,
                "invalid role \"\(body.role.prefix(40))\"",
                fields: [("role", "must be one of reader, editor, admin, peer")]
            )
        }
        let token = try await store.createToken(name: body.name, role: role)
        return .json(
            .object([("name", .string(body.name)), ("role", .string(role.rawValue)), ("token", .string(token))]),
            status: .created
        )
    }

    @Sendable func revokeToken(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        try await store.revokeToken(name: context.parameters.get("name") ?? "")
        return Response(status: .noContent)
    }
}
