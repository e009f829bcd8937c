public import LiaisonStore
import Synchronization

/// The smaller sizes a node's sync requests to each peer went on at after one timed out (docs/design.md
/// §6, "A pull that times out asks for smaller pages"): the next rounds start at that size instead of at
/// `sync.batch_bytes`, so an office on a slow link pays the timeouts that find its size once, not again
/// in every round that has much to carry. Each ``holdSeconds`` without a timeout the size doubles, back
/// up to the configured one, in case the link got faster: a link still slow costs one timeout then, not
/// the several that find the size from the top. Kept in memory, shared by copies of the engine: a
/// restarted node finds the size again, and `liaison sync`, a process of its own, starts at
/// `sync.batch_bytes`.
public final class SlowLinks: Sendable {
    /// How long a size holds without a timeout before it doubles, in seconds.
    public static let holdSeconds = 3600

    /// A peer's requests in one direction: pages pulled from it, or batches pushed to it.
    private struct Link: Hashable {
        let peer: String
        let direction: SyncDirection
    }

    private struct Held {
        let bytes: Int
        let until: ContinuousClock.Instant
    }

    private let held = Mutex<[Link: Held]>([:])

    public init() {}

    /// The bytes a round's requests to `peer` in `direction` start at: `configured`, or less while
    /// a size found after a timeout holds (doubled for each hour since without one).
    public func startingBytes(_ configured: Int, peer: String, _ direction: SyncDirection, at now: ContinuousClock.Instant = .now) -> Int {
        let link = Link(peer: peer, direction: direction)
        return held.withLock { held in
            guard var size = held[link] else { return configured }
            while size.until <= now {
                guard size.bytes * 2 < configured else {
                    held[link] = nil
                    return configured
                }
                size = Held(bytes: size.bytes * 2, until: size.until + .seconds(Self.holdSeconds))
            }
            held[link] = size
            return min(size.bytes, configured)
        }
    }

    /// Notes that a request to `peer` in `direction` timed out and the round goes on at `bytes`:
    /// held for an hour from `now`, or a smaller size still held (another round's, at once).
    public func timedOut(peer: String, _ direction: SyncDirection, goingOnAt bytes: Int, at now: ContinuousClock.Instant = .now) {
        let link = Link(peer: peer, direction: direction)
        held.withLock { held in
            let holding = held[link].flatMap { $0.until > now ? $0.bytes : nil }
            held[link] = Held(bytes: min(bytes, holding ?? bytes), until: now + .seconds(Self.holdSeconds))
        }
    }
}
