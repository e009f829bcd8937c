/// The answer to a bearer token (``LiaisonStore/authenticate(token:)``).
public enum TokenCheck: Hashable, Sendable {
    /// A current token: the author its writes carry (its user's name, or its own for a token
    /// without a user) and the role it acts with.
    case accepted(name: String, role: TokenRole)
    /// Not a current token (never made, revoked, or replaced).
    case refused
    /// A current token made for the user named here, who is disabled: it does not work until
    /// an admin enables them again.
    case userDisabled(String)
}
