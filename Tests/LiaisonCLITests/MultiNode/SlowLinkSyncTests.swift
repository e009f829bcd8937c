import Foundation
import TestProcesses
import Testing

/// `liaison sync` over a link that cannot carry a large page in time (docs/operations.md, "An
/// office on a slow link"): each page that timed out is said on a line of its own, with the
/// smaller size it goes on at, whether stderr is a file (a log of a scheduled sync) or a terminal
/// (where it takes the progress line's place and stays).
@Suite(.serialized, .offThePool) struct SlowLinkSyncTests {
    /// What `liaison sync` says of the two halvings: 4 MiB asked and held, then 2 MiB held, then
    /// 1 MiB carried.
    static let halvings = [
        "chennai: a page timed out, asking again for pages of 2097152 bytes",
        "chennai: a page timed out, asking again for pages of 1048576 bytes",
    ]

    @Test func liaisonSyncSaysEachTimedOutPageOnItsOwnLineInItsLog() async throws {
        try await withSlowLink { root, mumbai in
            let out = root.appendingPathComponent("sync.out").path
            let err = root.appendingPathComponent("sync.err").path
            let sync = try LiaisonRun.start(["sync"], data: mumbai, environment: Self.timeout, output: out, error: err)
            #expect(sync.wait(killingAfter: 60) == .exited(0))
            let stdout = try String(contentsOfFile: out, encoding: .utf8)
            let stderr = try String(contentsOfFile: err, encoding: .utf8)
            #expect(stderr == Self.halvings.map { $0 + "\n" }.joined(), "no progress line, as stderr is a file: \(stderr)")
            #expect(stdout.hasPrefix("chennai: pulled 300 (changed 300, "), "every seeded record came: \(stdout)")
        }
    }

    @Test func onATerminalATimedOutPageTakesTheProgressLinesPlaceAndStays() async throws {
        try await withSlowLink { root, mumbai in
            // A pseudo-terminal for stdout and stderr both, as a person at a shell has.
            let out = root.appendingPathComponent("terminal.out").path
            let sync = try LiaisonRun.start(
                ["sync"],
                data: mumbai,
                environment: Self.timeout,
                output: out,
                error: root.appendingPathComponent("terminal.err").path,
                inside: ["/usr/bin/env", "python3", "-c", "import pty, sys; pty.spawn(sys.argv[1:])"]
            )
            #expect(sync.wait(killingAfter: 60) == .exited(0))
            let screen = try String(contentsOfFile: out, encoding: .utf8)
            // The terminal ends each line with "\r\n"; a line said in place of the progress line
            // first clears it.
            for halving in Self.halvings {
                #expect(screen.contains("\r\u{1B}[K\(halving)\r\n"), "\(screen.debugDescription)")
            }
            #expect(screen.contains("chennai: pulled 300 (changed 300, "), "\(screen.debugDescription)")
        }
    }

    /// Long enough for the requests the link carries, on a busy machine too.
    static let timeout = ["LIAISON_SYNC_TIMEOUT": "3"]

    /// Runs `body` with the root directory and the data directory of mumbai, a node whose peer
    /// chennai (300 seeded records, served) it reaches through a ``SlowLinkProxy`` that carries
    /// pages of 1 MiB.
    private func withSlowLink(_ body: (URL, URL) async throws -> Void) async throws {
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
        try await body(root.url, mumbai.directory)
    }
}
