public import LiaisonStore

/// Sign-in by user name and password, shared by the web page and `POST /v1/session`: the
/// try is counted by the throttle first (taken back if the password is right, or if the store
/// was too busy to check it or to record the sign-in), so a try that must wait is refused
/// before the password is checked, however many are sent at once; a try that meets the limit
/// only through tries still being checked waits for them to end.
///
/// An admin's unlock (`liaison user unlock NAME`, ``LiaisonStore/unlockSignIn(name:)``) is
/// written in the store; each try for `NAME` reads it and first forgets the failures counted
/// before it, for the account and for the address trying, so the person (whose own computer
/// may be the one that failed) can sign in at once.
public struct SignIn: Sendable {
    /// What a sign-in attempt came to.
    public enum Outcome: Sendable {
        /// Signed in: a new session for the account.
        case signedIn(Account, sessionID: String)
        /// Too many failures for this account or address: try again after `seconds`.
        case wait(seconds: Int)
        /// Unknown user or wrong password.
        case refused
        /// Right password, disabled account.
        case disabled
    }

    let store: LiaisonStore
    let throttle: SignInThrottle

    public init(store: LiaisonStore, throttle: SignInThrottle) {
        self.store = store
        self.throttle = throttle
    }

    /// Tries `name` and `password` from `address` (the client's IP address, if known).
    public func attempt(name: String, password: String, address: String?) async throws -> Outcome {
        let accountKey = SignInThrottle.accountKey(name)
        let addressKeys = address.map { [SignInThrottle.addressKey($0)] } ?? []
        if let unlocked = try await store.signInUnlockedAt(name: name) {
            throttle.forget(keys: [accountKey] + addressKeys, failedBefore: Double(unlocked) / 1000)
        }
        let keys = [accountKey] + addressKeys
        if let seconds = await throttle.reserveAfterRunningTries(keys: keys) { return .wait(seconds: seconds) }
        let check: SignInCheck
        let sessionID: String?
        do {
            (check, sessionID) = try await store.signIn(name: name, password: password)
        } catch {
            // The store could not check or record it (busy: 503): no password was found wrong.
            throttle.release(keys: keys)
            throw error
        }
        switch check {
        case .refused:
            throttle.failed(keys: keys)
            return .refused
        case .disabled:
            throttle.release(keys: keys)
            return .disabled
        case .accepted(let account):
            throttle.succeeded(key: accountKey)
            throttle.release(keys: addressKeys)
            return .signedIn(account, sessionID: sessionID!)  // set with every acceptance
        }
    }
}
