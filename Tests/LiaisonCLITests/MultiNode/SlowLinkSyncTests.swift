import Foundation
import TestProcesses
import Testing

/// `liaison sync` over a link that cannot carry a large page in time (docs/operations.md, "A
/// slow link"): each page that timed out is said on a line of its own, with the smaller size it
/// goes on at, also when stderr is not a terminal, as in a log of a scheduled sync.
@Suite(.serialized, .offThePool) struct SlowLinkSyncTests {
    @Test func liaisonSyncSaysEachTimedOutPageOnItsOwnLineAndGetsEveryRecord() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        _ = try LiaisonRun.ok(["seed", "--records", "300", "--seed", "5"], data: chennai.directory)
        try chennai.start()
        defer { chennai.stop() }
        let link = try SlowLinkProxy(to: chennai.port, carries: 1 << 20)
        defer { link.stop() }
        let url = "http://127.0.0.1:\(link.port)"
        _ = try LiaisonRun.ok(["peer", "add", "chennai", url, "--token-file", chennai.peerTokenFile.path], data: mumbai.directory)

        let out = root.url.appendingPathComponent("sync.out").path
        let err = root.url.appendingPathComponent("sync.err").path
        // Long enough for the requests the link carries, on a busy machine too.
        let sync = try LiaisonRun.start(["sync"], data: mumbai.directory, environment: ["LIAISON_SYNC_TIMEOUT": "3"], output: out, error: err)
        #expect(sync.wait(killingAfter: 60) == .exited(0))
        let stdout = try String(contentsOfFile: out, encoding: .utf8)
        let stderr = try String(contentsOfFile: err, encoding: .utf8)
        // 4 MiB asked and held, then 2 MiB held, then 1 MiB carried.
        #expect(
            stderr == """
                chennai: a page timed out, asking again for pages of 2097152 bytes
                chennai: a page timed out, asking again for pages of 1048576 bytes

                """,
            "no progress line, as stderr is a file: \(stderr)"
        )
        #expect(stdout.hasPrefix("chennai: pulled 300 (changed 300, "), "every seeded record came: \(stdout)")
    }
}
