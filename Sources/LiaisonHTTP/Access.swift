public import LiaisonStore

/// Who may call a route.
public enum Access: Hashable, Sendable {
    /// Anyone, without a token (`GET /v1/health`).
    case open
    /// Any valid token, whatever its role (`GET /v1/node`).
    case anyToken
    /// Staff tokens of at least this role: reader < editor < admin.
    case staff(TokenRole)
    /// Peer tokens only (the sync routes): what a node accepts into its store from another node
    /// comes from a token made for that node. Admins sync through `POST /v1/sync`.
    case sync

    /// Whether a token of `role` may call the route.
    public func allows(_ role: TokenRole) -> Bool {
        switch self {
        case .open, .anyToken: return true
        case .sync: return role == .peer
        case .staff(let minimum): return role.staffRank.map { $0 >= minimum.staffRank ?? .max } ?? false
        }
    }

    /// The roles that may call the route, for error messages and the API description.
    public var roles: [TokenRole] { TokenRole.allCases.filter(allows) }
}

extension TokenRole {
    /// The rank of a staff role (reader 0, editor 1, admin 2); `nil` for peers.
    var staffRank: Int? {
        switch self {
        case .reader: 0
        case .editor: 1
        case .admin: 2
        case .peer: nil
        }
    }
}
