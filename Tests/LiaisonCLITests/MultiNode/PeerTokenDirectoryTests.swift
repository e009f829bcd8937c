import Foundation
import TestProcesses
import Testing

/// `liaison init` made no `peer-tokens` directory, the only one the web page's Add a peer takes
/// a token file from: an operator learned of it from the page's refusal and made it by hand.
/// `init` makes it (mode 0700, the data directory's owner) and says where; `serve` makes it for
/// a store made before.
@Suite(.offThePool) struct PeerTokenDirectoryTests {
    @Test func initMakesItAndSaysWhereAndServeMakesItForAnOlderStore() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let data = root.url.appendingPathComponent("node")
        let tokens = data.appendingPathComponent("peer-tokens")
        let made = try LiaisonRun.run(["init", "--office", "mumbai"], data: data)
        #expect(made.status == 0 && made.stdout.hasPrefix("mumbai."), "stdout is the replica id alone: \(made.stdout)")
        #expect(
            made.stderr == "peer tokens for peers added on the web page go in \(tokens.path) (mode 0700): install -m 600 FILE \(tokens.path)/\n",
            "\(made.stderr)"
        )
        #expect(try Self.modeAndOwner(tokens) == Self.modeAndOwner(data, mode: 0o700))

        // A data directory as an earlier release left it.
        try FileManager.default.removeItem(at: tokens)
        #expect(
            try LiaisonRun.serveLog(data).contains("made \(tokens.path) (mode 0700), where the web page's Add a peer takes peer token files from")
        )
        #expect(try Self.modeAndOwner(tokens) == Self.modeAndOwner(data, mode: 0o700))
        let again = try LiaisonRun.serveLog(data)
        #expect(!again.contains("made \(tokens.path)"), "made once: \(again)")
    }

    /// `root` making a node's store in a directory it made for the account that runs the node.
    @Test(.enabled(if: geteuid() == 0, "only root gives a directory to another account"))
    func itBelongsToTheDataDirectorysOwner() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let data = root.url.appendingPathComponent("node")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        #expect(chown(data.path, 4321, 4322) == 0)
        _ = try LiaisonRun.ok(["init", "--office", "mumbai"], data: data)
        #expect(try Self.modeAndOwner(data.appendingPathComponent("peer-tokens")) == .init(mode: 0o700, user: 4321, group: 4322))
    }

    struct ModeAndOwner: Equatable {
        let mode: Int
        let user: Int
        let group: Int
    }

    /// `directory`'s mode and owner; with `mode`, that mode in place of its own.
    static func modeAndOwner(_ directory: URL, mode: Int? = nil) throws -> ModeAndOwner {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path)
        #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
        return ModeAndOwner(
            mode: mode ?? (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1,
            user: (attributes[.ownerAccountID] as? NSNumber)?.intValue ?? -1,
            group: (attributes[.groupOwnerAccountID] as? NSNumber)?.intValue ?? -1
        )
    }
}
