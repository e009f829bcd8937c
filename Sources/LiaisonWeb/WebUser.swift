import LiaisonHTTP
import LiaisonStore

/// The signed-in user of a request.
struct WebUser: Sendable {
    let session: WebSession
    let account: Account

    /// The user name: the author of their writes.
    var name: String { account.name }
    var role: TokenRole { account.role }

    /// Editors and admins may write records.
    var canEdit: Bool { role == .editor || role == .admin }
    /// Admins may start a sync and manage users, tokens and peers.
    var isAdmin: Bool { role == .admin }
}
