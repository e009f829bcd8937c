public import Foundation
import Synchronization

/// Slows repeated failed sign-ins, per account and per address: the first
/// ``freeFailures`` failures cost nothing; after them each further try must wait, twice as
/// long each time (`base`, `2 × base`, `4 × base`, … up to 15 minutes) after the last failure.
/// A try is counted as a failure before its password is checked (``reserve(keys:now:)``), and
/// taken back if the password was right, so tries sent at once meet the limit too. A sign-in
/// that meets the limit only through tries still being checked waits for them to end
/// (``reserveAfterRunningTries(keys:)``), so right passwords sent at once from one address
/// (an office behind one proxy, at nine in the morning) are not refused for failures that never were.
/// A success clears the account's count; an address's count is forgotten after 15 quiet minutes.
///
/// Counts live in the server's memory: a restart forgets them.
///
/// ```swift
/// let throttle = SignInThrottle(base: 1)
/// if let wait = throttle.reserve(keys: ["account:asha", "address:10.0.0.5"]) { /* 429, Retry-After: wait */ }
/// // else check the password; if right: throttle.succeeded(key: "account:asha"), throttle.release(keys: ["address:10.0.0.5"])
/// ```
public final class SignInThrottle: Sendable {
    /// Failures allowed before any wait.
    public static let freeFailures = 5
    /// The longest wait, and how long a quiet key is remembered (15 minutes).
    static let maximum: Double = 900
    /// Keys kept at most; the quietest are forgotten first.
    static let capacity = 10_000

    /// How long a try waits at most for the tries still being checked to end (30 s).
    static let patience: Double = 30

    struct Entry {
        /// Failures, counting the tries still being checked.
        var failures: Int
        var last: Double
        /// Tries counted by ``reserveAfterRunningTries(keys:)`` whose password is still being checked.
        var running = 0
    }

    /// What a try reserved under the lock came to.
    private enum Reservation {
        case counted
        case wait(Int)
        case afterRunningTries
    }

    /// The first wait, in seconds (then doubling).
    public let base: Double
    private let entries = Mutex<[String: Entry]>([:])

    /// A throttle whose first wait is `base` seconds (1 s in service; tests may use less).
    public init(base: Double = 1) {
        self.base = base
    }

    /// The key that counts the failed sign-ins of the account named `name`, in any case. A name
    /// longer than any account's (64 ASCII letters) counts under its first 65 code points:
    /// anyone could send names of megabytes, each kept here for a quarter of an hour (and one
    /// letter with a million accents is one character of megabytes).
    public static func accountKey(_ name: String) -> String { "account:" + String(name.unicodeScalars.prefix(65)).lowercased() }

    /// The key that counts the failed sign-ins from `address`.
    public static func addressKey(_ address: String) -> String { "address:" + address }

    /// Takes a try for `keys` before its password is checked: `nil` when they may try now,
    /// the try then counted as a failure of each key until ``release(keys:)`` or
    /// ``succeeded(key:)`` takes it back; else the whole seconds to wait, nothing counted.
    /// Asking and counting under one lock means tries sent at once cannot all pass the
    /// check before any failure is counted.
    public func reserve(keys: [String], now: Double = Date().timeIntervalSince1970) -> Int? {
        entries.withLock { entries in
            if let seconds = wait(in: entries, keys: keys, now: now) { return seconds }
            count(keys, in: &entries, now: now, running: false)
            return nil
        }
    }

    /// ``reserve(keys:now:)`` for a try that ends with ``failed(keys:)`` or ``release(keys:)``:
    /// while `keys` meet the limit only through such tries still being checked, it waits for
    /// them to end (at most ``patience``) instead of refusing, then counts the try or answers
    /// the seconds to wait. Tries sent at once still check no more passwords than the free ones.
    public func reserveAfterRunningTries(keys: [String]) async -> Int? {
        let start = Date().timeIntervalSince1970
        while true {
            let now = Date().timeIntervalSince1970
            let reservation = entries.withLock { entries -> Reservation in
                if let seconds = wait(in: entries, keys: keys, now: now) {
                    let settled = wait(in: entries, keys: keys, now: now, leavingOutRunning: true)
                    return settled == nil && now - start < Self.patience ? .afterRunningTries : .wait(seconds)
                }
                count(keys, in: &entries, now: now, running: true)
                return .counted
            }
            switch reservation {
            case .counted: return nil
            case .wait(let seconds): return seconds
            case .afterRunningTries: try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Ends a try ``reserveAfterRunningTries(keys:)`` counted whose password was wrong: it stays a failure.
    public func failed(keys: [String]) {
        entries.withLock { entries in
            for key in keys where (entries[key]?.running ?? 0) > 0 {
                entries[key]?.running -= 1
            }
        }
    }

    /// Takes back one try ``reserve(keys:now:)`` or ``reserveAfterRunningTries(keys:)`` counted
    /// for each of `keys` (its password was right, or the store could not check it).
    public func release(keys: [String]) {
        entries.withLock { entries in
            for key in keys {
                guard var entry = entries[key] else { continue }
                entry.failures -= 1
                entry.running = max(0, entry.running - 1)
                entries[key] = entry.failures > 0 ? entry : nil
            }
        }
    }

    /// Clears `key` after a successful sign-in.
    public func succeeded(key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Forgets the count of each of `keys` whose last failure came before `time` (seconds since
    /// 1970): an admin unlocked the account then (``SignIn``). A key that failed since keeps
    /// its count, so failures after the unlock go on counting.
    public func forget(keys: [String], failedBefore time: Double) {
        entries.withLock { entries in
            for key in keys where (entries[key]?.last ?? .infinity) < time {
                entries[key] = nil
            }
        }
    }

    /// Counts one try for each of `keys`, `running` when it is ended by ``failed(keys:)`` or ``release(keys:)``.
    private func count(_ keys: [String], in entries: inout [String: Entry], now: Double, running: Bool) {
        if entries.count >= Self.capacity {
            entries = entries.filter { now - $0.value.last < Self.maximum }
        }
        for key in keys {
            var entry = entries[key] ?? Entry(failures: 0, last: now)
            if now - entry.last >= Self.maximum { entry.failures = 0 }
            entry.failures += 1
            entry.running += running ? 1 : 0
            entry.last = now
            entries[key] = entry
        }
    }

    /// Whole seconds to wait before any of `keys` may try again, or `nil` when they may try now;
    /// `leavingOutRunning`, as if the tries still being checked had not been counted.
    private func wait(in entries: [String: Entry], keys: [String], now: Double, leavingOutRunning: Bool = false) -> Int? {
        let waits = keys.compactMap { key -> Double? in
            guard let entry = entries[key] else { return nil }
            let failures = leavingOutRunning ? entry.failures - entry.running : entry.failures
            let remaining = entry.last + delay(after: failures) - now
            return remaining > 0 ? remaining : nil
        }
        return waits.max().map { Int($0.rounded(.up)) }
    }

    /// The wait after `failures` failures: none up to ``freeFailures``, then `base` doubling.
    func delay(after failures: Int) -> Double {
        guard failures >= Self.freeFailures else { return 0 }
        let doublings = min(failures - Self.freeFailures, 20)
        return min(base * pow(2, Double(doublings)), Self.maximum)
    }
}
