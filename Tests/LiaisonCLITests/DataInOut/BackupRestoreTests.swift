import Foundation
import TestProcesses
import Testing

/// `liaison backup` while a node serves, and `liaison restore` into a new node that syncs.
@Suite(.serialized, .offThePool) struct BackupRestoreTests {
    @Test func aBackupTakenUnderWritesRestoresToANewReplicaThatSyncs() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let old = try ServedNode(office: "mumbai", root: root.url)
        try old.start()
        defer { old.stop() }

        // Writes over HTTP go on before, during and after the backup.
        let acknowledged = Acknowledged()
        let writer = Task {
            var index = 0
            while !Task.isCancelled {
                let (status, body, _) = try await old.call(
                    "POST",
                    "/v1/records",
                    json: #"{"title":"Lead \#(index)","type":"trade_lead","tracks":["sccp"]}"#
                )
                if status == 201, let id = Self.field("id", in: body) { acknowledged.add(id) }
                index += 1
            }
        }
        // Counts small enough for a loaded machine: what matters is writes before, during and after.
        try await eventually("the node acknowledged some writes", within: 180) { acknowledged.ids.count >= 10 }
        let before = acknowledged.ids
        let backup = root.url.appendingPathComponent("backups/mumbai.sqlite")
        try FileManager.default.createDirectory(at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
        let backedUp = try LiaisonRun.ok(["backup", "--out", backup.path], data: old.directory)
        try await eventually("writes went on after the backup", within: 180) { acknowledged.ids.count >= before.count + 5 }
        writer.cancel()
        _ = await writer.result
        #expect(backedUp.hasPrefix("backed up "), "\(backedUp)")

        let restoredDirectory = root.url.appendingPathComponent("restored")
        let restoredText = try LiaisonRun.ok(["restore", backup.path], data: restoredDirectory)
        #expect(restoredText.contains("new node"), "\(restoredText)")
        // Made as `init` makes it: the page's Add a peer reads token files from there only.
        let tokens = restoredDirectory.appendingPathComponent("peer-tokens").path
        #expect(try FileManager.default.attributesOfItem(atPath: tokens)[.posixPermissions] as? Int == 0o700)
        let refused = try LiaisonRun.run(["restore", backup.path], data: restoredDirectory)
        #expect(refused.status != 0 && refused.stderr.contains("already holds a store"), "\(refused.stderr)")

        let csv = try LiaisonRun.ok(["record", "list", "--format", "csv"], data: restoredDirectory)
        let restoredIDs = Set(csv.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) })
        #expect(Set(before).isSubset(of: restoredIDs), "every write acknowledged before the backup is in it")

        let restored = ServedNode(store: restoredDirectory, tokensOf: old)
        try restored.start()
        defer { restored.stop() }
        let oldNode = try await old.call("GET", "/v1/node").body
        let newNode = try await restored.call("GET", "/v1/node").body
        let oldReplica = try #require(Self.field("replica_id", in: oldNode))
        let newReplica = try #require(Self.field("replica_id", in: newNode))
        #expect(oldReplica != newReplica)

        // The same record written at the old node after the backup and at the restored node.
        let id = try #require(before.first)
        for (node, title) in [(old, "Written at the old node"), (restored, "Written at the restored node")] {
            let version = try #require(try await node.call("GET", "/v1/records/\(id)").headers["etag"])
            let written = try await node.call(
                "PATCH",
                "/v1/records/\(id)",
                json: #"{"title":"\#(title)"}"#,
                headers: [("If-Match", version)]
            )
            #expect(written.status == 200, "\(written.body)")
        }
        try old.addPeer(restored)
        try restored.addPeer(old)
        for node in [old, restored] {
            try await eventually("both writes are kept, as a conflict, at \(node.url)") {
                let body = try await node.call("GET", "/v1/records/\(id)").body
                return body.contains("Written at the old node") && body.contains("Written at the restored node")
            }
        }
        try await eventually("the restored node has every record of the old one") {
            try await Self.total(old) == Self.total(restored)
        }
    }

    /// How many live records a node lists.
    static func total(_ node: ServedNode) async throws -> Int {
        let body = try await node.call("GET", "/v1/records?limit=1").body
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])["total"] as? Int ?? -1
    }

    static func field(_ name: String, in json: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?[name] as? String
    }
}

/// Ids of records whose creation the node acknowledged, in order.
final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    var ids: [String] { lock.withLock { list } }
    func add(_ id: String) { lock.withLock { list.append(id) } }
}
