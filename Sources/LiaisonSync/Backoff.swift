/// When to try a peer again: the sync interval while it answers; after failures, an
/// exponentially growing delay (capped), each with random jitter so nodes do not sync in step.
public struct Backoff: Hashable, Sendable {
    /// The normal delay between syncs, in seconds.
    public let interval: Double
    /// The longest delay after failures, in seconds.
    public let maximum: Double
    /// Failures since the last success.
    public private(set) var failures = 0

    /// A backoff for a sync `interval`; the delay after failures grows up to `maximum`.
    public init(interval: Double, maximum: Double = 300) {
        self.interval = interval
        self.maximum = max(maximum, interval)
    }

    /// Notes a success: back to the normal interval.
    public mutating func succeeded() {
        failures = 0
    }

    /// Notes a failure: the next delay doubles.
    public mutating func failed() {
        failures += 1
    }

    /// The delay before the next attempt, without jitter.
    public var baseDelay: Double {
        guard failures > 0 else { return interval }
        return min(maximum, interval * Double(1 << min(failures, 20)))
    }

    /// The delay before the next attempt, with jitter of ±20 %.
    public func nextDelay<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        baseDelay * Double.random(in: 0.8...1.2, using: &generator)
    }
}
