import Foundation

extension Cluster {
    /// `cluster up` while some nodes of `manifest` run (one crashed, or was killed): starts the
    /// others on the cluster's ports, leaves the running ones alone, and updates `cluster.json`.
    /// Says which it started and which it left.
    /// - Throws: ``ClusterError`` when `options` asks for another base port than the cluster's,
    ///   a stopped node's port is taken, or one does not come up (those started are stopped
    ///   again and `cluster.json` is left as it was).
    func startStopped(
        _ manifest: ClusterManifest,
        running: [ClusterManifest.Node],
        options: ClusterOptions,
        executable: URL,
        progress: (String) -> Void
    ) async throws -> ClusterManifest {
        if let basePort = options.basePort, basePort != manifest.basePort {
            throw ClusterError(
                "the cluster in \(directory.path) runs on base port \(manifest.basePort): leave out --base-port to start its stopped nodes, or stop it first with `liaison cluster down --dir \(directory.path)`"
            )
        }
        let stopped = manifest.nodes.filter { node in !running.contains { $0.city == node.city } }
        progress("left running: \(running.map { "\($0.city) (pid \($0.pid))" }.joined(separator: ", "))")
        for node in stopped where !PortProbe.isFree(node.port) {
            throw ClusterError(
                "port \(node.port) (for \(node.city), not running) is in use on 127.0.0.1: free it, or `liaison cluster down` and up with another --base-port"
            )
        }
        let ports = Dictionary(uniqueKeysWithValues: manifest.nodes.map { ($0.city, $0.port) })
        var replicaIDs: [String: String] = [:]
        for node in stopped {
            let index = Self.cities.firstIndex(of: node.city) ?? 0
            replicaIDs[node.city] = try await prepareNode(node.city, index: index, records: options.records).replicaID
            try writeConfig(node.city, port: { ports[$0]! }, syncInterval: options.syncInterval)
        }
        func merged(_ started: [ClusterManifest.Node]) -> ClusterManifest {
            var updated = manifest
            updated.nodes = manifest.nodes.map { node in started.first { $0.city == node.city } ?? node }
            return updated
        }
        let started: [ClusterManifest.Node]
        do {
            started = try await start(
                stopped.map(\.city),
                ports: ports,
                replicaIDs: replicaIDs,
                executable: executable,
                timeout: options.startTimeout,
                spawned: { try saveManifest(merged($0)) },
                progress: progress
            )
        } catch {
            try? saveManifest(manifest)
            throw error
        }
        progress("started \(started.count) stopped \(started.count == 1 ? "node" : "nodes"): \(started.map(\.city).joined(separator: ", "))")
        return merged(started)
    }
}
