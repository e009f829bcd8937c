public import Foundation
import LiaisonCore

extension Cluster {
    /// Makes (first time) and starts the seven nodes, waits until each answers `/v1/health`,
    /// and writes `cluster.json`. Nodes made before keep their data and tokens; their configs
    /// are rewritten with the ports of this run: those of the stopped cluster unless `options`
    /// gives a base port. When some nodes of the cluster still run, only the others are
    /// started, on the cluster's ports (see ``startStopped(_:running:options:executable:progress:)``).
    ///
    /// - Parameters:
    ///   - executable: the `liaison` binary to run `serve` with.
    ///   - progress: told each step, one line at a time.
    /// - Throws: ``ClusterError`` when every node of the cluster already runs, a port is taken,
    ///   or a node does not come up (the nodes started are stopped again, and `cluster.json`
    ///   is left as it was).
    public func up(
        _ options: ClusterOptions,
        executable: URL,
        progress: (String) -> Void = { _ in }
    ) async throws -> ClusterManifest {
        if let basePort = options.basePort, !(1...(65535 - Self.cities.count + 1)).contains(basePort) {
            throw ClusterError("--base-port must be from 1 to \(65535 - Self.cities.count + 1), got \(basePort)")
        }
        let previous = try manifest()
        if let previous {
            let running = previous.nodes.filter { DetachedProcess.isAlive($0.pid, marker: $0.data) }
            if running.count == previous.nodes.count {
                throw ClusterError(
                    "a cluster is already running in \(directory.path) (\(running.map { "\($0.city) pid \($0.pid)" }.joined(separator: ", "))): see `liaison cluster status --dir \(directory.path)`, or stop it with `liaison cluster down --dir \(directory.path)`"
                )
            }
            if !running.isEmpty {
                return try await startStopped(previous, running: running, options: options, executable: executable, progress: progress)
            }
            progress("the cluster in \(directory.path) is stopped: starting it again")
        }
        let basePort = options.basePort ?? previous?.basePort ?? ClusterOptions.defaultBasePort
        let ports = Dictionary(uniqueKeysWithValues: Self.cities.enumerated().map { ($1, basePort + $0) })
        for city in Self.cities where !PortProbe.isFree(ports[city]!) {
            let whose = options.basePort == nil && previous != nil ? "for \(city), the cluster's port" : "for \(city)"
            throw ClusterError("port \(ports[city]!) (\(whose)) is in use on 127.0.0.1: free it, or choose another --base-port")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var replicaIDs: [String: String] = [:]
        for (index, city) in Self.cities.enumerated() {
            let (replicaID, created) = try await prepareNode(city, index: index, records: options.records)
            replicaIDs[city] = replicaID
            progress(
                created
                    ? "made \(city) (\(replicaID)) with \(options.records) sample records"
                    : "found \(city) (\(replicaID))"
            )
        }
        for city in Self.cities {
            try writeConfig(city, port: { ports[$0]! }, syncInterval: options.syncInterval)
        }
        let startedAt = Timestamp.iso(Timestamp.millis())
        do {
            let nodes = try await start(
                Self.cities,
                ports: ports,
                replicaIDs: replicaIDs,
                executable: executable,
                timeout: options.startTimeout,
                spawned: { try saveManifest(ClusterManifest(basePort: basePort, startedAt: startedAt, nodes: $0)) },
                progress: progress
            )
            return ClusterManifest(basePort: basePort, startedAt: startedAt, nodes: nodes)
        } catch {
            if let previous { try? saveManifest(previous) } else { try? FileManager.default.removeItem(at: manifestFile) }
            throw error
        }
    }
}
