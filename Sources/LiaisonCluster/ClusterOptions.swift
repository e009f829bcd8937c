/// How `cluster up` makes and starts the nodes.
public struct ClusterOptions: Sendable {
    /// The port of `new-delhi`; the other cities take the next six. `nil`: the ports of the
    /// cluster in the directory, running or stopped, else ``defaultBasePort``.
    public var basePort: Int?
    /// Sample records seeded at each new node before it starts.
    public var records: Int
    /// Seconds between syncs with each peer.
    public var syncInterval: Double
    /// Seconds to wait for each node to answer `/v1/health`.
    public var startTimeout: Double

    /// The port of `new-delhi` when none is given: 8701.
    public static let defaultBasePort = 8701

    /// Options with the defaults of `liaison cluster up`.
    public init(basePort: Int? = nil, records: Int = 20, syncInterval: Double = 2, startTimeout: Double = 60) {
        self.basePort = basePort
        self.records = records
        self.syncInterval = syncInterval
        self.startTimeout = startTimeout
    }
}
