import LiaisonStore

extension NameClash {
    /// The way out of the clash, on the admin pages: a sentence to follow the store's.
    var pageAdvice: String {
        switch self {
        case .userNamedLikeUser:
            "To change their role, use Change on their row above, or choose another name."
        case .userNamedLikeToken:
            "Revoke it on the API tokens page, or remake it there to act for a user, first; or choose another name."
        case .tokenNamedLikeUser(let user):
            "Make the token act for \(user) (Acts for), or choose another name."
        }
    }
}
