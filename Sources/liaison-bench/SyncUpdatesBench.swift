import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore

/// The second figure of `liaison-bench sync`: records updated at one node (one field each),
/// synced into a node that already holds the rest of the store.
enum SyncUpdatesBench {
    /// Copies the store in `base` to a node A, restores A's backup as node B (a new replica id,
    /// the same records), updates `updates` of A's records, then times B's `liaison sync` from A.
    static func run(base: URL, updates: Int, root: URL) async throws {
        let (nodeA, nodeB) = (root.appendingPathComponent("a"), root.appendingPathComponent("b"))
        try FileManager.default.createDirectory(at: nodeA, withIntermediateDirectories: true)
        for file in ["liaison.sqlite", "liaison.sqlite-wal"]
        where FileManager.default.fileExists(atPath: base.appendingPathComponent(file).path) {
            try FileManager.default.copyItem(at: base.appendingPathComponent(file), to: nodeA.appendingPathComponent(file))
        }
        let backup = root.appendingPathComponent("a.sqlite")
        _ = try NodeProcess.run(["backup", "--out", backup.path, "--data", nodeA.path])
        _ = try NodeProcess.run(["restore", backup.path, "--data", nodeB.path])
        try FileManager.default.removeItem(at: backup)

        let storeA = try LiaisonStore(directory: nodeA, schema: BundledPlugins.schema)
        let storeB = try LiaisonStore(directory: nodeB, schema: BundledPlugins.schema)
        let held = try await storeA.currentSequence()
        // B holds everything A had: its sync starts from there, both ways (B has nothing A lacks).
        let (peerA, heldByB) = (storeA.identity.replicaID, try await storeB.currentSequence())
        try await storeB.setCheckpoint(peer: peerA, direction: .pull, sequence: held)
        try await storeB.setEventCheckpoint(peer: peerA, direction: .pull, sequence: held)
        try await storeB.setCheckpoint(peer: peerA, direction: .push, sequence: heldByB)
        try await storeB.setEventCheckpoint(peer: peerA, direction: .push, sequence: heldByB)
        var ids: [String] = []
        try storeA.forEachState(matching: RecordQuery(limit: updates)) { ids.append($0.id) }
        for (index, id) in ids.enumerated() {
            _ = try await storeA.update(id: id, ["notes": .text("Bench update \(index)")], readContext: nil, author: "bench")
        }
        let live = try await storeB.count(matching: RecordQuery())
        let token = root.appendingPathComponent("a.token")
        try (try await storeA.createToken(name: "b", role: .peer)).write(to: token, atomically: true, encoding: .utf8)
        let (server, port) = try NodeProcess.serve(data: nodeA, syncInterval: 0)
        defer { NodeProcess.stop(server) }
        let setup = try NodeProcess.run(["peer", "add", "a", "http://127.0.0.1:\(port)", "--token-file", token.path, "--data", nodeB.path])
        let sync = try NodeProcess.run(["sync", "--data", nodeB.path])
        say("\(ids.count) records updated (one field each) synced into a node of \(live) records:")
        say("  time            \(String(format: "%.2f", sync.seconds)) s")
        say("  records/s       \(Int(Double(ids.count) / sync.seconds))")
        say(
            "  CPU time        pulling node \(String(format: "%.2f", sync.cpuSeconds - setup.cpuSeconds)) s, serving node \(String(format: "%.2f", NodeProcess.cpuSeconds(of: server))) s"
        )
        say("  peak RSS        serving node \(NodeProcess.peakKiB(of: server) / 1024) MiB, pulling node \(sync.peakKiB / 1024) MiB")
    }
}
