public import Foundation
import Synchronization

/// Slows repeated failed sign-ins, per account and per address: the first
/// ``freeFailures`` failures cost nothing; after them each further try must wait, twice as
/// long each time (`base`, `2 × base`, `4 × base`, … up to 15 minutes) after the last failure.
/// A success clears the account's count; an address's count is forgotten after 15 quiet minutes.
///
/// Counts live in the server's memory: a restart forgets them.
///
/// ```swift
/// let throttle = SignInThrottle(base: 1)
/// if let wait = throttle.wait(keys: ["account:asha", "address:10.0.0.5"]) { /* 429, Retry-After: wait */ }
/// ```
public final class SignInThrottle: Sendable {
    /// Failures allowed before any wait.
    public static let freeFailures = 5
    /// The longest wait, and how long a quiet key is remembered (15 minutes).
    static let maximum: Double = 900
    /// Keys kept at most; the quietest are forgotten first.
    static let capacity = 10_000

    struct Entry {
        var failures: Int
        var last: Double
    }

    /// The first wait, in seconds (then doubling).
    public let base: Double
    private let entries = Mutex<[String: Entry]>([:])

    /// A throttle whose first wait is `base` seconds (1 s in service; tests may use less).
    public init(base: Double = 1) {
        self.base = base
    }

    /// Whole seconds to wait before any of `keys` may try again, or `nil` when they may try now.
    public func wait(keys: [String], now: Double = Date().timeIntervalSince1970) -> Int? {
        entries.withLock { entries in
            let waits = keys.compactMap { key -> Double? in
                guard let entry = entries[key] else { return nil }
                let remaining = entry.last + delay(after: entry.failures) - now
                return remaining > 0 ? remaining : nil
            }
            return waits.max().map { Int($0.rounded(.up)) }
        }
    }

    /// Records a failed try for each of `keys`.
    public func failed(keys: [String], now: Double = Date().timeIntervalSince1970) {
        entries.withLock { entries in
            if entries.count >= Self.capacity {
                entries = entries.filter { now - $0.value.last < Self.maximum }
            }
            for key in keys {
                var entry = entries[key] ?? Entry(failures: 0, last: now)
                if now - entry.last >= Self.maximum { entry.failures = 0 }
                entry.failures += 1
                entry.last = now
                entries[key] = entry
            }
        }
    }

    /// Clears `key` after a successful sign-in.
    public func succeeded(key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// The wait after `failures` failures: none up to ``freeFailures``, then `base` doubling.
    func delay(after failures: Int) -> Double {
        guard failures >= Self.freeFailures else { return 0 }
        let doublings = min(failures - Self.freeFailures, 20)
        return min(base * pow(2, Double(doublings)), Self.maximum)
    }
}
