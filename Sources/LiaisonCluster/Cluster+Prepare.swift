import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore

extension Cluster {
    /// Makes `city`'s store, tokens, first admin account (one-time password in
    /// `admin.password`) and sample records if it has none yet; returns its replica id.
    func prepareNode(_ city: String, index: Int, records: Int) async throws -> (replicaID: String, created: Bool) {
        let data = dataDirectory(city)
        if FileManager.default.fileExists(atPath: data.appendingPathComponent(LiaisonStore.fileName).path) {
            let store = try LiaisonStore(directory: data, schema: BundledPlugins.schema)
            for file in [adminTokenFile(city), peerTokenFile(city)] where !FileManager.default.fileExists(atPath: file.path) {
                throw ClusterError("\(file.path) is missing: remove \(directory.path) and run `liaison cluster up` again")
            }
            return (store.identity.replicaID, false)
        }
        let identity = try LiaisonStore.initialise(directory: data, office: city)
        let store = try LiaisonStore(directory: data, schema: BundledPlugins.schema)
        let password = PasswordHash.temporaryPassword()
        try await store.addAccount(
            name: "admin",
            displayName: "Office admin",
            role: .admin,
            password: password,
            mustChangePassword: true
        )
        try writeSecret(try await store.createToken(name: "admin", role: .admin, account: "admin"), to: adminTokenFile(city))
        try writeSecret(try await store.createToken(name: "peers", role: .peer), to: peerTokenFile(city))
        try writeSecret(password, to: data.appendingPathComponent("admin.password"))
        if records > 0 {
            let today = String(Timestamp.iso(Timestamp.millis()).prefix(10))
            let states = try SampleData.generate(
                count: records,
                seed: 1_000 + UInt64(index),
                replica: identity.replicaID,
                schema: store.schema,
                today: today
            )
            _ = try await store.merge(states)
        }
        return (identity.replicaID, true)
    }

    /// Writes `city`'s liaison.conf: loopback, its port, a short sync interval, the other six as peers.
    func writeConfig(_ city: String, port: (String) -> Int, syncInterval: Double) throws {
        var lines = [
            "# Written by `liaison cluster up`; rewritten at every up.",
            "[server]", "host = \"127.0.0.1\"", "port = \(port(city))", "",
            "[sync]", "interval = \(syncInterval)", "timeout = 10", "",
            "[log]", "level = \"info\"",
        ]
        for peer in Self.cities where peer != city {
            lines += [
                "", "[peer.\(peer)]", "url = \"http://127.0.0.1:\(port(peer))\"",
                "token_file = \"\(peerTokenFile(peer).path)\"",
            ]
        }
        try (lines.joined(separator: "\n") + "\n")
            .write(to: dataDirectory(city).appendingPathComponent("liaison.conf"), atomically: true, encoding: .utf8)
    }

    /// Writes a token to a file only its owner can read (0600).
    func writeSecret(_ secret: String, to file: URL) throws {
        guard
            FileManager.default.createFile(
                atPath: file.path,
                contents: Data((secret + "\n").utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else {
            throw ClusterError("cannot write \(file.path)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}
