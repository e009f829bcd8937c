/// What `cluster status` found: each node as its `GET /v1/status` answered.
public struct ClusterStatus: Codable, Hashable, Sendable {
    /// One peer as a node sees it.
    public struct Peer: Codable, Hashable, Sendable {
        /// The peer's name (its city).
        public var name: String
        /// Changes of the peer not yet pulled when last asked; `nil` before the first sync.
        public var behind: Int64?
        /// When sync with it last succeeded (ISO 8601).
        public var lastSuccess: String?
        /// The last error, until a sync succeeds again.
        public var lastError: String?

        enum CodingKeys: String, CodingKey {
            case name, behind
            case lastSuccess = "last_success"
            case lastError = "last_error"
        }
    }

    /// One node.
    public struct Node: Codable, Hashable, Sendable {
        /// The office slug.
        public var city: String
        /// Its URL.
        public var url: String
        /// The pid of its `liaison serve`.
        public var pid: Int32
        /// Whether the process is alive.
        public var running: Bool
        /// Why its status could not be read, when it could not.
        public var error: String?
        /// Its replica id.
        public var replicaID: String?
        /// Its local sequence.
        public var sequence: Int64?
        /// Live records.
        public var records: Int64?
        /// Records with an open conflict.
        public var conflicts: Int64?
        /// Its peers.
        public var peers: [Peer]

        /// The largest lag over its peers; `nil` when some peer has never been synced.
        public var maxBehind: Int64? {
            peers.contains { $0.behind == nil } ? nil : peers.compactMap(\.behind).max() ?? 0
        }

        enum CodingKeys: String, CodingKey {
            case city, url, pid, running, error
            case replicaID = "replica_id"
            case sequence, records, conflicts, peers
        }
    }

    /// The nodes in port order.
    public var nodes: [Node]

    /// The nodes whose status could not be read: not running, or running but not answering.
    public var down: [Node] { nodes.filter { $0.error != nil } }

    /// `2 of 7 nodes down: kolkata (not running), chennai (not answering)`, or `nil` when every
    /// node answered: what `cluster status` fails with, so that a script can tell.
    public var downSummary: String? {
        guard !down.isEmpty else { return nil }
        let named = down.map { "\($0.city) (\($0.running ? "not answering" : "not running"))" }
        return "\(down.count) of \(nodes.count) \(nodes.count == 1 ? "node" : "nodes") down: \(named.joined(separator: ", "))"
    }

    /// Every node answered, every peer has synced, none is behind and none has an error.
    public var inStep: Bool {
        nodes.allSatisfy { node in
            node.error == nil && node.maxBehind == 0 && node.peers.allSatisfy { $0.lastError == nil }
        }
    }
}
