import CurlHTTP
import Foundation

extension Cluster {
    /// Asks every node of `cluster.json` for `GET /v1/status` with its admin token.
    /// A node that does not answer is reported with the error, not thrown; one not running
    /// (all of them after `cluster down`) with where its data is.
    /// - Throws: ``ClusterError`` when there is no manifest.
    public func status() async throws -> ClusterStatus {
        guard let manifest = try manifest() else {
            throw ClusterError("no cluster in \(directory.path) (no cluster.json): start one with `liaison cluster up --dir \(directory.path)`")
        }
        let client = CurlClient(configuration: .init(connectTimeout: 2, totalTimeout: 10, workerThreads: 2))
        defer { client.shutdown() }
        var nodes: [ClusterStatus.Node] = []
        for node in manifest.nodes {
            var report = ClusterStatus.Node(
                city: node.city,
                url: node.url,
                pid: node.pid,
                running: DetachedProcess.isAlive(node.pid, marker: node.data),
                replicaID: node.replicaID,
                peers: []
            )
            do {
                try await fill(&report, from: node, client: client)
            } catch {
                report.error = report.running ? "\(error)" : "not running; data in \(node.data)"
            }
            nodes.append(report)
        }
        return ClusterStatus(nodes: nodes)
    }

    private func fill(_ report: inout ClusterStatus.Node, from node: ClusterManifest.Node, client: CurlClient) async throws {
        guard let token = try? String(contentsOfFile: node.adminTokenFile, encoding: .utf8) else {
            throw ClusterError("cannot read \(node.adminTokenFile)")
        }
        let response = try await client.send(
            HTTPRequest(
                url: node.url + "/v1/status",
                headers: [(name: "Authorization", value: "Bearer \(token.trimmingCharacters(in: .whitespacesAndNewlines))")]
            )
        )
        guard response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        else {
            throw ClusterError("GET /v1/status answered \(response.status): \(String(decoding: response.body.prefix(200), as: UTF8.self))")
        }
        let identity = object["node"] as? [String: Any]
        report.replicaID = identity?["replica_id"] as? String ?? report.replicaID
        report.sequence = Self.integer(identity?["sequence"])
        report.records = Self.integer(object["records"])
        report.conflicts = Self.integer(object["conflicts"])
        report.peers = (object["peers"] as? [[String: Any]] ?? []).map { peer in
            ClusterStatus.Peer(
                name: peer["name"] as? String ?? "?",
                behind: Self.integer(peer["behind"]),
                lastSuccess: peer["last_success"] as? String,
                lastError: peer["last_error"] as? String
            )
        }
    }

    private static func integer(_ value: Any?) -> Int64? {
        (value as? NSNumber).map(\.int64Value)
    }
}
