import Hummingbird
public import LiaisonStore

extension TokenRole {
    /// The role spelled `text`, which must be one of `roles`: what `POST /v1/users`,
    /// `PATCH /v1/users/{name}` and the Users page take (``TokenRole/staff``), and
    /// `POST /v1/tokens` (every role).
    /// - Throws: ``APIError`` 400 `invalid role "superuser"`, with `role`: `must be one of
    ///   reader, editor, admin` (``APIError/sentence`` says both).
    public static func named(_ text: String, among roles: [TokenRole] = staff) throws -> TokenRole {
        guard let role = TokenRole(rawValue: text), roles.contains(role) else {
            throw APIError(
                .badRequest,
                "invalid role \"\(text.prefix(40))\"",
                fields: [("role", "must be one of \(roles.map(\.rawValue).joined(separator: ", "))")]
            )
        }
        return role
    }
}
