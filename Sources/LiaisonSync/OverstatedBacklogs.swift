import Synchronization

/// The peers (by the name this node gives them) whose last bulk load here brought fewer records
/// than a bulk load is for, or failed having brought fewer (docs/design.md §9). How far behind a node is comes from the peer's own `sequence`, and a peer that overstated it
/// (a sequence of 10^12 and a few records) made every round a bulk load: the list and search indexes
/// set aside and built again, about a minute at a million records. After one such load the peer's
/// backlog is not believed for a bulk load again until a plain round from it brings that many
/// records. A peer whose sequence counts many edits of few records lands here too, rightly: its
/// loads are small. Kept in memory and shared by copies of the engine, as ``SlowLinks``.
public final class OverstatedBacklogs: Sendable {
    private let peers = Mutex<Set<String>>([])

    public init() {}

    /// The backlog to load `claimed` records from the peer named `peer` as: `claimed`, or 0 (a
    /// plain load) while its last bulk load here brought fewer than it was for.
    func backlog(_ claimed: Int, from peer: String) -> Int {
        peers.withLock { $0.contains(peer) } ? 0 : claimed
    }

    /// Notes that a round from the peer named `peer` merged `records` states, in bulk or not
    /// (a round that failed counts what it merged); returns whether that bulk load brought fewer
    /// than `threshold` (the peer's claims are now set aside).
    func loaded(_ records: Int, from peer: String, inBulk: Bool, threshold: Int) -> Bool {
        peers.withLock { peers in
            if inBulk && records < threshold {
                return peers.insert(peer).inserted
            }
            if !inBulk && records >= threshold { peers.remove(peer) }
            return false
        }
    }
}
