import Foundation
import TestProcesses
import Testing

/// A Mumbai node `node` in `cli`'s directory with one peer, `name` at `url` (token file `token`),
/// and `settings` as its liaison.conf.
func nodeWithPeer(_ cli: CLI, named name: String, at url: String, settings: String) throws {
    try cli.ok("--data", "node", "init", "--office", "mumbai")
    let tokenFile = cli.directory.appendingPathComponent("token").path
    try String(repeating: "k", count: 40).write(toFile: tokenFile, atomically: true, encoding: .utf8)
    try cli.ok("--data", "node", "peer", "add", name, url, "--token-file", tokenFile)
    try settings.write(to: cli.directory.appendingPathComponent("node/liaison.conf"), atomically: true, encoding: .utf8)
}

/// `liaison sync` checks the node's sync settings before it asks any peer, as `serve` does at start.
@Suite(.offThePool) struct SyncSettingsTests {
    /// A missing certificate file for peers is named once, not as each peer's failed connection.
    @Test func aMissingCAFileIsNamedBeforeAnyPeerIsAsked() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let missing = cli.directory.appendingPathComponent("no-such-ca.pem").path
        try nodeWithPeer(cli, named: "delhi", at: "https://127.0.0.1:1/", settings: "[sync]\nca_file = \(missing)\n")
        let error = try cli.fails("--data", "node", "sync")
        #expect(error.contains("sync.ca_file"), "\(error)")
        #expect(error.contains(missing), "\(error)")
    }
}

/// `liaison serve` checks the files its settings name before it changes anything.
@Suite(.offThePool) struct ServeSettingsTests {
    /// A missing certificate stopped the node only after the peers taken out of liaison.conf
    /// were removed from the store: the node did not start, and its peers were gone.
    @Test func aMissingCertificateStopsTheNodeBeforeItsPeersChange() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try nodeWithPeer(cli, named: "chennai", at: "http://127.0.0.1:1/", settings: "[server]\ntls_certificate = nope.pem\ntls_key = nope.key\n")
        let refused = try cli.run(["--data", "node", "serve", "--host", "127.0.0.1", "--port", "0"])
        #expect(refused.code == 1)
        #expect(refused.err.contains("server.tls_certificate: no such file"), "\(refused.err)")
        #expect(!refused.err.contains("removed"), "\(refused.err)")
        #expect(try cli.ok("--data", "node", "peers").contains("chennai"))
    }
}

/// Peers in liaison.conf are added when `liaison serve` starts: before that, `liaison sync` says
/// so, rather than "no peers: add one with `liaison peer add`", which makes a peer the file does not own.
@Suite(.offThePool) struct SyncFilePeersTests {
    @Test func aFilePeerNotYetAddedIsNamedWithTheWayToAddIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "kolkata")
        let tokenFile = cli.directory.appendingPathComponent("token").path
        try String(repeating: "k", count: 40).write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try "[peer.chennai]\nurl = http://127.0.0.1:1\ntoken_file = \(tokenFile)\n".write(
            to: cli.directory.appendingPathComponent("node/liaison.conf"),
            atomically: true,
            encoding: .utf8
        )
        let all = try cli.fails("--data", "node", "sync")
        #expect(all.contains("no peers yet: chennai is in liaison.conf but not yet in the store"), "\(all)")
        #expect(all.contains("added when `liaison serve` starts"), "\(all)")
        #expect(try cli.fails("--data", "node", "sync", "chennai").contains("peer chennai is in liaison.conf but not yet in the store"))
    }
}
