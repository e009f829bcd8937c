import ArgumentParser
import LiaisonStore

/// `--role` of a user account: reader, editor or admin. A bad value lists only those, not
/// `peer`, which is for the tokens of other nodes (``TokenRole/staff``).
struct StaffRole: ExpressibleByArgument {
    /// The role.
    let role: TokenRole

    init?(argument: String) {
        guard let role = TokenRole(rawValue: argument), TokenRole.staff.contains(role) else { return nil }
        self.role = role
    }

    static var allValueStrings: [String] { TokenRole.staff.map(\.rawValue) }
}
