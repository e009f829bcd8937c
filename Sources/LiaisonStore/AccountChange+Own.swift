extension AccountChange {
    /// Why `caller` may not make this change to the account `name`, or `nil` when they may:
    /// an admin may not disable their own account or take away their own admin role, which
    /// would lock them out (another admin can). The web page and `PATCH /v1/users/{name}`
    /// both ask.
    public func refusal(forAccount name: String, by caller: String) -> String? {
        guard name == caller, disabled == true || (role.map { $0 != .admin } ?? false) else { return nil }
        return "You cannot disable yourself or take away your own admin role; another admin can"
    }
}
