import LiaisonStore

extension NameClash {
    /// The way out of the clash, in this API's routes (an API client may have no shell on the node).
    var routeAdvice: String {
        switch self {
        case .userNamedLikeUser(let user):
            "change them with PATCH /v1/users/\(user), or choose another name"
        case .userNamedLikeToken(let token):
            "revoke it (DELETE /v1/tokens/\(token)) or remake it with a \"user\" first, or choose another name"
        case .tokenNamedLikeUser(let user):
            "make the token for them (\"user\": \"\(user)\") or choose another name"
        }
    }
}
