import Foundation
import TestProcesses
import Testing

/// Sync between real `liaison serve` processes with gzip on and off (docs/design.md §6,
/// "Compression"): a node with `sync.compression = off` asks for nothing compressed and pushes
/// plain JSON, as a node older than compression does, and still syncs with a new one.
@Suite(.serialized, .offThePool) struct CompressedSyncTests {
    @Test func aNodeWithoutGzipSyncsBothWaysWithANodeWithIt() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let new = try ServedNode(office: "mumbai", root: root.url)
        let old = try ServedNode(office: "chennai", root: root.url)
        _ = try LiaisonRun.ok(["seed", "--records", "250", "--seed", "3"], data: new.directory)
        _ = try LiaisonRun.ok(["seed", "--records", "150", "--seed", "4"], data: old.directory)
        try new.start(syncInterval: 0.3)
        try old.start(syncInterval: 0.3, environment: ["LIAISON_SYNC_COMPRESSION": "off"])
        defer { [new, old].forEach { $0.stop() } }
        try new.addPeer(old)
        try old.addPeer(new)
        try await eventually("both nodes hold every record", within: 120) {
            let counts = try await [new, old].asyncMap { try await FaultSyncTests.recordCount($0) }
            return counts[0] == counts[1] && counts[0] > 350
        }
        try await eventually("both nodes list the same records") { try await new.records() == old.records() }
    }
}
