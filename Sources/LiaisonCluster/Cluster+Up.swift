import CurlHTTP
public import Foundation
import LiaisonCore

extension Cluster {
    /// Makes (first time) and starts the seven nodes, waits until each answers `/v1/health`,
    /// and writes `cluster.json`. Nodes made before keep their data and tokens; their configs
    /// are rewritten with the ports of this run.
    ///
    /// - Parameters:
    ///   - executable: the `liaison` binary to run `serve` with.
    ///   - progress: told each step, one line at a time.
    /// - Throws: ``ClusterError`` when a cluster already runs in the directory, a port is taken,
    ///   or a node does not come up (the nodes started are stopped again).
    public func up(
        _ options: ClusterOptions,
        executable: URL,
        progress: (String) -> Void = { _ in }
    ) async throws -> ClusterManifest {
        guard (1...(65535 - Self.cities.count + 1)).contains(options.basePort) else {
            throw ClusterError("--base-port must be from 1 to \(65535 - Self.cities.count + 1), got \(options.basePort)")
        }
        if let previous = try manifest() {
            let running = previous.nodes.filter { DetachedProcess.isAlive($0.pid, marker: $0.data) }
            if !running.isEmpty {
                throw ClusterError(
                    "a cluster is already running in \(directory.path) (\(running.map { "\($0.city) pid \($0.pid)" }.joined(separator: ", "))): see `liaison cluster status --dir \(directory.path)`, or stop it with `liaison cluster down --dir \(directory.path)`"
                )
            }
            progress("\(manifestFile.lastPathComponent) names no running node (a stale manifest): starting again")
            try? FileManager.default.removeItem(at: manifestFile)
        }
        let ports = Dictionary(uniqueKeysWithValues: Self.cities.enumerated().map { ($1, options.basePort + $0) })
        for city in Self.cities where !PortProbe.isFree(ports[city]!) {
            throw ClusterError("port \(ports[city]!) (for \(city)) is in use on 127.0.0.1: choose another --base-port")
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

        var nodes: [ClusterManifest.Node] = []
        do {
            for city in Self.cities {
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
            let manifest = ClusterManifest(basePort: options.basePort, startedAt: Timestamp.iso(Timestamp.millis()), nodes: nodes)
            try saveManifest(manifest)
            try await waitForHealth(nodes, timeout: options.startTimeout, progress: progress)
            return manifest
        } catch {
            _ = DetachedProcess.stop(nodes.map { ($0.pid, $0.data) }, grace: 10)
            try? FileManager.default.removeItem(at: manifestFile)
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
