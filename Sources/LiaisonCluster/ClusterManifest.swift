/// `DIR/cluster.json`: what `cluster up` started, read by `cluster down` and `cluster status`;
/// kept by `cluster down`, so that `cluster up` starts the nodes again on the same ports.
public struct ClusterManifest: Codable, Hashable, Sendable {
    /// One node of the cluster.
    public struct Node: Codable, Hashable, Sendable {
        /// The office slug.
        public var city: String
        /// Its replica id.
        public var replicaID: String
        /// Its loopback port.
        public var port: Int
        /// The pid of its `liaison serve`.
        public var pid: Int32
        /// `http://127.0.0.1:PORT`.
        public var url: String
        /// Its data directory.
        public var data: String
        /// The file holding its admin token.
        public var adminTokenFile: String
        /// Its `liaison serve` output.
        public var log: String

        enum CodingKeys: String, CodingKey {
            case city
            case replicaID = "replica_id"
            case port, pid, url, data
            case adminTokenFile = "admin_token_file"
            case log
        }
    }

    /// The port of the first city; the others follow.
    public var basePort: Int
    /// When the cluster was started (ISO 8601).
    public var startedAt: String
    /// The nodes in port order.
    public var nodes: [Node]

    enum CodingKeys: String, CodingKey {
        case basePort = "base_port"
        case startedAt = "started_at"
        case nodes
    }
}
