import Foundation
import TestProcesses
import Testing

/// A peer that recovered kept the time of its last error beside a `null` error, and a failing
/// one showed how far behind it was when it last worked ("0 changes", "Up to date").
@Suite(.offThePool) struct PeerRecoveryTests {
    @Test func aFailingPeerShowsNoCountAndARecoveredOneNoError() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        try chennai.start()
        defer { chennai.stop() }
        try mumbai.addPeer(chennai)
        _ = try LiaisonRun.ok(["sync"], data: mumbai.directory)
        #expect(try LiaisonRun.ok(["peers"], data: mumbai.directory).contains("behind by:    0 changes"))

        chennai.stop()
        #expect(try LiaisonRun.run(["sync"], data: mumbai.directory).status == 1)
        let failing = try LiaisonRun.ok(["peers"], data: mumbai.directory)
        #expect(failing.contains("last error:") && failing.contains("behind by:    unknown"), "\(failing)")
        let failed = try #require(try Self.peer(LiaisonRun.ok(["peers", "--json"], data: mumbai.directory)))
        #expect(failed["last_error"] is String && failed["last_error_at"] is String, "\(failed)")

        try chennai.start()
        _ = try LiaisonRun.ok(["sync"], data: mumbai.directory)
        let recovered = try #require(try Self.peer(LiaisonRun.ok(["peers", "--json"], data: mumbai.directory)))
        #expect(recovered["last_error"] is NSNull && recovered["last_error_at"] is NSNull, "\(recovered)")
        #expect(recovered["last_success"] is String)
        #expect(try LiaisonRun.ok(["peers"], data: mumbai.directory).contains("behind by:    0 changes"))
    }

    @Test func aFailedPeersLineKeepsItsPlaceInNameOrderWhenBothOutputsShareAPipe() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        let kolkata = try ServedNode(office: "kolkata", root: root.url)
        try chennai.start()
        defer { chennai.stop() }
        try kolkata.start()
        try mumbai.addPeer(chennai)
        try mumbai.addPeer(kolkata)
        kolkata.stop()

        // `liaison sync 2>&1 | …`, as a script or a log collects it.
        let run = try ChildProcess.run(
            "/bin/sh",
            ["-c", "\"$0\" sync --data \"$1\" 2>&1", try BuiltProduct.path("liaison"), mumbai.directory.path]
        )
        let lines = String(decoding: run.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(run.termination.status == 1)
        let chennaiLine = try #require(lines.firstIndex { $0.hasPrefix("chennai") }, "\(lines)")
        let kolkataLine = try #require(lines.firstIndex { $0.hasPrefix("error: kolkata") }, "\(lines)")
        #expect(chennaiLine < kolkataLine, "\(lines)")
    }

    /// The one peer in `liaison peers --json`.
    static func peer(_ json: String) throws -> [String: Any]? {
        (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first
    }
}
