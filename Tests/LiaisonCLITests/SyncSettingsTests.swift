import Foundation
import TestProcesses
import Testing

/// `liaison sync` checks the node's sync settings before it asks any peer, as `serve` does at start.
@Suite(.offThePool) struct SyncSettingsTests {
    /// A missing certificate file for peers is named once, not as each peer's failed connection.
    @Test func aMissingCAFileIsNamedBeforeAnyPeerIsAsked() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let tokenFile = cli.directory.appendingPathComponent("token").path
        try String(repeating: "k", count: 40).write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try cli.ok("--data", "node", "peer", "add", "delhi", "https://127.0.0.1:1/", "--token-file", tokenFile)
        let missing = cli.directory.appendingPathComponent("no-such-ca.pem").path
        try "[sync]\nca_file = \(missing)\n".write(
            to: cli.directory.appendingPathComponent("node/liaison.conf"),
            atomically: true,
            encoding: .utf8
        )
        let error = try cli.fails("--data", "node", "sync")
        #expect(error.contains("sync.ca_file"), "\(error)")
        #expect(error.contains(missing), "\(error)")
    }
}
