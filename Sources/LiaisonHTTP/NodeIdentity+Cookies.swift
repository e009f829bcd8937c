public import LiaisonStore

/// The names of a node's cookies. A browser keeps cookies by host, not by port, so nodes on one
/// host (the nodes of `liaison cluster up`, or containers published on one machine's ports)
/// would overwrite each other's cookie under a shared name: each name ends with the node's
/// replica id, made once at `liaison init`, so it stays the same across restarts and upgrades
/// and differs from every other node's.
extension NodeIdentity {
    /// The session cookie's name: `liaison_session_<replica id>` (`liaison_session_mumbai.k3f9q2`).
    public var sessionCookieName: String { "liaison_session_" + replicaID }

    /// The sign-in form's CSRF cookie's name: `liaison_signin_<replica id>`.
    public var signInCookieName: String { "liaison_signin_" + replicaID }
}
