import CurlHTTP
import Foundation

extension Cluster {
    /// Starts `liaison serve` for each of `cities` on its port in `ports`, in the background,
    /// tells `spawned` the nodes (to write the manifest that `cluster down` reads), and waits
    /// until each answers `/v1/health`. The nodes started are stopped again when one does not
    /// come up, and the error thrown.
    func start(
        _ cities: [String],
        ports: [String: Int],
        replicaIDs: [String: String],
        executable: URL,
        timeout: Double,
        spawned: ([ClusterManifest.Node]) throws -> Void,
        progress: (String) -> Void
    ) async throws -> [ClusterManifest.Node] {
        var nodes: [ClusterManifest.Node] = []
        do {
            for city in cities {
                let data = dataDirectory(city).path
                let pid = try DetachedProcess.spawn(
                    executable: executable.path,
                    arguments: ["serve", "--data", data, "--port", "\(ports[city]!)"],
                    environment: Self.childEnvironment(),
                    log: logFile(city).path
                )
                nodes.append(
                    ClusterManifest.Node(
                        city: city,
                        replicaID: replicaIDs[city]!,
                        port: ports[city]!,
                        pid: pid,
                        url: "http://127.0.0.1:\(ports[city]!)",
                        data: data,
                        adminTokenFile: adminTokenFile(city).path,
                        log: logFile(city).path
                    )
                )
            }
            try spawned(nodes)
            try await waitForHealth(nodes, timeout: timeout, progress: progress)
            return nodes
        } catch {
            _ = DetachedProcess.stop(nodes.map { ($0.pid, $0.data) }, grace: 10)
            throw error
        }
    }

    /// The environment of a node: ours without `LIAISON_*` (which would override its config
    /// file: one `LIAISON_PORT` would send all seven to the same port), but the log settings.
    static func childEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("LIAISON_") || key == "LIAISON_LOG_LEVEL" || key == "LIAISON_LOG_FORMAT"
        }
    }

    private func waitForHealth(_ nodes: [ClusterManifest.Node], timeout: Double, progress: (String) -> Void) async throws {
        let client = CurlClient(configuration: .init(connectTimeout: 2, totalTimeout: 5, workerThreads: 1))
        defer { client.shutdown() }
        for node in nodes {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let response = try? await client.send(HTTPRequest(url: node.url + "/v1/health")), response.status == 200 {
                    progress("\(node.city) is up on \(node.url) (pid \(node.pid))")
                    break
                }
                DetachedProcess.reap(node.pid)
                if !DetachedProcess.isAlive(node.pid, marker: node.data) {
                    throw ClusterError("\(node.city) exited at start: \(lastLines(of: node.log))")
                }
                if Date() >= deadline {
                    throw ClusterError("\(node.city) did not answer \(node.url)/v1/health within \(Int(timeout)) s; see \(node.log)")
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private func lastLines(of file: String) -> String {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").suffix(3).joined(separator: " | ")
        return lines.isEmpty ? "no output (see \(file))" : "\(lines) (see \(file))"
    }
}
