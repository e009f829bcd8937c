import LiaisonStore

extension NameClash {
    /// The way out of the clash, in this CLI's commands.
    var commandAdvice: String {
        switch self {
        case .userNamedLikeUser(let user):
            "change them with `liaison user set \(user)`, or choose another name"
        case .userNamedLikeToken(let token):
            "revoke it (`liaison token revoke \(token)`) or remake it with `--user` first, or choose another name"
        case .tokenNamedLikeUser(let user):
            "make the token for them (`--user \(user)`) or choose another name"
        }
    }
}
