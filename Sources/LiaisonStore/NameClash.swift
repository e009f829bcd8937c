/// Why a new user or a new token without a user was refused: another author has its name,
/// ignoring case. It rides on the ``StoreError`` (``StoreError/nameClash``), whose sentence
/// says what is wrong; each caller adds the way out that it offers (a command, an API route,
/// a button on the page), so that none points to another's.
public enum NameClash: Hashable, Sendable {
    /// A new user named like the user `existing`.
    case userNamedLikeUser(existing: String)
    /// A new user named like `token`, a token without a user, which writes under that name.
    case userNamedLikeToken(token: String)
    /// A new token without a user named like the user `user`, under whose name it would write.
    case tokenNamedLikeUser(user: String)
}
