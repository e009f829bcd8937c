public import Foundation
import LiaisonCore

/// A local seven-city cluster: one `liaison serve` per office on loopback, each with its own
/// data directory under one cluster directory, in a full mesh.
///
/// ```
/// DIR/cluster.json            pids and ports of the nodes (kept by `down`: `up` reuses the ports)
/// DIR/<city>/liaison.sqlite   the node's store
/// DIR/<city>/liaison.conf     its config: [server], [sync], and a [peer.X] per other city
/// DIR/<city>/admin.token      an admin token for staff calls (mode 0600)
/// DIR/<city>/admin.password   the one-time password of the web page's first admin, `admin` (0600)
/// DIR/<city>/peer.token       the token other nodes show it (mode 0600)
/// DIR/<city>/serve.log        the node's stdout and stderr
/// ```
///
/// ```swift
/// let cluster = Cluster(directory: URL(fileURLWithPath: "demo"))
/// let manifest = try await cluster.up(ClusterOptions(), executable: liaisonURL) { print($0) }
/// let report = try await cluster.status()
/// let stopped = try cluster.down()
/// ```
public struct Cluster: Sendable {
    /// The offices, in the order of their ports: `new-delhi` gets the base port.
    public static let cities = ["new-delhi", "mumbai", "chennai", "kolkata", "hyderabad", "bengaluru", "ahmedabad"]

    /// The cluster directory.
    public let directory: URL

    /// A cluster kept in `directory` (made by ``up(_:executable:progress:)`` if missing).
    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// `DIR/cluster.json`.
    public var manifestFile: URL { directory.appendingPathComponent("cluster.json") }

    /// `DIR/<city>`: the node's data directory.
    public func dataDirectory(_ city: String) -> URL { directory.appendingPathComponent(city) }

    /// `DIR/<city>/admin.token`.
    public func adminTokenFile(_ city: String) -> URL { dataDirectory(city).appendingPathComponent("admin.token") }

    /// `DIR/<city>/peer.token`: what other nodes show `city`.
    public func peerTokenFile(_ city: String) -> URL { dataDirectory(city).appendingPathComponent("peer.token") }

    /// `DIR/<city>/serve.log`.
    public func logFile(_ city: String) -> URL { dataDirectory(city).appendingPathComponent("serve.log") }

    /// The manifest of the last `up`, or `nil` when there is none.
    /// - Throws: ``ClusterError`` when the cluster directory, or a directory above it, is a file.
    public func manifest() throws -> ClusterManifest? {
        try checkDirectory()
        guard let data = try? Data(contentsOf: manifestFile) else { return nil }
        do {
            return try JSONDecoder().decode(ClusterManifest.self, from: data)
        } catch {
            throw ClusterError("\(manifestFile.path) is not a cluster manifest (\(error)); remove it and run `liaison cluster up` again")
        }
    }

    /// Throws when the nearest part of `directory` that exists (itself, or a directory above
    /// it that `up` would make it in) is not a directory.
    private func checkDirectory() throws {
        var existing = directory
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            existing = existing.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: existing.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ClusterError("\(existing.path) is a file, not a directory: give --dir a directory, new or made by `liaison cluster up`")
        }
    }

    func saveManifest(_ manifest: ClusterManifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: manifestFile, options: .atomic)
    }
}
