public import LiaisonStore

/// A signed-in user choosing their own password, shared by the web page (`/account/password`)
/// and `PATCH /v1/session`, so both ask the same: the current password (tried like a sign-in,
/// counted by the throttle), unless the session was opened by a one-time password, which its
/// sign-in spent; a new one that ``PasswordHash/problem(with:)`` accepts and that differs from
/// the current one. Done, it ends every session of the account and starts a new one.
public struct PasswordChange: Sendable {
    /// What a try came to.
    public enum Outcome: Sendable, Equatable {
        /// Changed: every session of the account ended; this is the new one's id.
        case changed(sessionID: String)
        /// Too many wrong current passwords for this account: try again after `seconds`.
        case wait(seconds: Int)
        /// The current password is not right; nothing changed.
        case currentWrong
        /// The new password cannot be one: why (`a password needs at least 12 characters`).
        case weak(String)
        /// The new password is the current one.
        case unchanged
    }

    let store: LiaisonStore
    let throttle: SignInThrottle

    public init(store: LiaisonStore, throttle: SignInThrottle) {
        self.store = store
        self.throttle = throttle
    }

    /// Sets `new` as the password of `account` (the session's), checking `current` first
    /// unless the account must change its password.
    public func attempt(account: Account, current: String, new: String) async throws -> Outcome {
        if !account.mustChangePassword {
            let key = SignInThrottle.accountKey(account.name)
            if let seconds = throttle.reserve(keys: [key]) { return .wait(seconds: seconds) }
            let check: SignInCheck
            do {
                check = try await store.checkSignIn(name: account.name, password: current)
            } catch {
                // The store could not check it (busy: 503): no password was found wrong.
                throttle.release(keys: [key])
                throw error
            }
            guard case .accepted = check else { return .currentWrong }
            throttle.succeeded(key: key)
        }
        if let problem = PasswordHash.problem(with: new) { return .weak(problem) }
        guard new != current else { return .unchanged }
        // The change and the new session are one transaction: a session that could not start
        // would otherwise leave the person signed out with a password they just chose.
        // Only over the password checked: an admin's reset since then is not silently undone.
        var change = AccountChange(password: new, mustChangePassword: false)
        change.passwordStamp = account.passwordStamp
        let session = try await store.changeAccountStartingSession(account.name, change)
        return .changed(sessionID: session)
    }
}
