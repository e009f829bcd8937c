import Foundation

extension Cluster {
    /// Stops every node named in `cluster.json` (SIGTERM, then SIGKILL after `grace` seconds).
    /// The manifest stays: `status` then lists the nodes as not running, and `up` starts them
    /// again on their ports. Returns the nodes that were running.
    /// - Throws: ``ClusterError`` when there is no manifest, or a process would not die.
    public func down(grace: Double = 20) throws -> [ClusterManifest.Node] {
        guard let manifest = try manifest() else {
            throw ClusterError("no cluster in \(directory.path) (no cluster.json): nothing to stop")
        }
        let running = manifest.nodes.filter { DetachedProcess.isAlive($0.pid, marker: $0.data) }
        let left = DetachedProcess.stop(running.map { ($0.pid, $0.data) }, grace: grace)
        guard left.isEmpty else {
            throw ClusterError("processes \(left.map(String.init).joined(separator: ", ")) did not exit even after SIGKILL")
        }
        return running
    }
}
