import Foundation
import LiaisonCore
public import LiaisonStore

/// `liaison status`: one node's identity, counts and peers, read from its store (no server needed).
public struct LocalStatus: Sendable {
    /// The node's identity.
    public var identity: NodeIdentity
    /// Its local sequence.
    public var sequence: Int64
    /// Live, conflicted and deleted records.
    public var counts: StoreCounts
    /// Each peer with how sync with it has gone, sorted by name.
    public var peers: [(peer: PeerRecord, status: PeerStatus)]
    /// States the intake set aside (`liaison quarantine list`).
    public var quarantined: Int
    /// States the intake refused and did not keep, their source's room in the quarantine being
    /// full, since it was last emptied.
    public var quarantinedNotKept: Int
    /// Whether a bulk load is under way (its search finds only what was there before it).
    public var loadingInBulk: Bool

    /// Reads the status of `store`.
    public init(store: LiaisonStore) async throws {
        identity = store.identity
        sequence = try await store.currentSequence()
        counts = try await store.counts()
        quarantined = try await store.quarantinedCount()
        quarantinedNotKept = try await store.quarantinedNotKept()
        loadingInBulk = try await store.indexesAreAside()
        let statuses = Dictionary(try await store.peerStatuses().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        peers = try await store.peers().map { ($0, statuses[$0.name] ?? PeerStatus(name: $0.name)) }
    }

    /// For people.
    ///
    /// ```
    /// replica   chennai.k3f9q2 (office chennai)
    /// release   2026.12.04.2 (of this liaison binary)
    /// sequence  141
    /// records   141 live, 2 deleted; 4 with open conflicts (live or deleted)
    /// peers     6
    ///   mumbai     http://127.0.0.1:8702  last success 2026-05-01T10:00:02.120Z  behind 0
    /// ```
    public var text: String {
        var lines = [
            "replica   \(identity.replicaID) (office \(identity.office))",
            "release   \(LiaisonRelease.version) (of this liaison binary)",
            "sequence  \(sequence)",
            "records   \(counts.records) live, \(counts.deleted) deleted; \(counts.conflicted) with open conflicts (live or deleted)",
            "quarantined \(quarantined)" + (quarantined > 0 ? " states set aside: see `liaison quarantine list`" : "")
                + (quarantinedNotKept > 0 ? "; \(quarantinedNotKept) more not kept: their source's room in it was full" : ""),
            "peers     \(peers.isEmpty ? "none: add one with `liaison peer add NAME URL --token-file FILE`" : String(peers.count))",
        ]
        if loadingInBulk {
            lines.insert("loading   in bulk from a peer: search finds the new records once it finishes", at: 4)
        }
        let nameWidth = (peers.map(\.peer.name.count).max() ?? 0) + 2
        let urlWidth = (peers.map(\.peer.url.count).max() ?? 0) + 2
        for (peer, status) in peers {
            let success = status.lastSuccess.map(Timestamp.iso) ?? "never"
            let behind = status.behind.map(String.init) ?? "unknown"
            lines.append(
                "  " + peer.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + peer.url.padding(toLength: urlWidth, withPad: " ", startingAt: 0)
                    + "last success \(success)  behind \(behind)"
            )
            if let error = status.lastError {
                lines.append(
                    "  " + String(repeating: " ", count: nameWidth)
                        + "last error \(status.lastErrorAt.map(Timestamp.iso) ?? "?"): \(error)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    /// As one JSON object (keys sorted; unknown values are null).
    public var json: String {
        var writer = JSONWriter()
        writer.raw("{\"conflicts\":\(counts.conflicted),\"deleted\":\(counts.deleted),\"loading_in_bulk\":\(loadingInBulk),\"office\":")
        writer.string(identity.office)
        writer.raw(",\"peers\":")
        writer.array(peers) { writer, item in
            let (peer, status) = item
            writer.raw("{\"behind\":\(status.behind.map(String.init) ?? "null"),\"last_error\":")
            Self.optional(status.lastError, &writer)
            writer.raw(",\"last_error_at\":")
            Self.optional(status.lastErrorAt.map(Timestamp.iso), &writer)
            writer.raw(",\"last_success\":")
            Self.optional(status.lastSuccess.map(Timestamp.iso), &writer)
            writer.raw(",\"name\":")
            writer.string(peer.name)
            writer.raw(",\"replica_id\":")
            Self.optional(status.replicaID, &writer)
            writer.raw(",\"url\":")
            writer.string(peer.url)
            writer.raw("}")
        }
        writer.raw(",\"quarantined\":\(quarantined),\"quarantined_not_kept\":\(quarantinedNotKept),\"records\":\(counts.records),\"release\":")
        writer.string(LiaisonRelease.version)
        writer.raw(",\"replica_id\":")
        writer.string(identity.replicaID)
        writer.raw(",\"sequence\":\(sequence)}")
        return writer.output
    }

    private static func optional(_ value: String?, _ writer: inout JSONWriter) {
        if let value { writer.string(value) } else { writer.raw("null") }
    }
}
