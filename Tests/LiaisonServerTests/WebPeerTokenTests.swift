import Foundation
import LiaisonStore
import Testing

@Suite("Web: a peer added on the page uses a token this node holds for peers, never another file on the server")
struct WebPeerTokenTests {
    /// An office admin named a secret elsewhere on the server as a peer's token file, and the
    /// next sync sent it to the URL they chose.
    @Test func aFileOutsideThePeerTokenDirectoryIsRefused() async throws {
        try await withNode { node in
            let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-secret-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: elsewhere) }
            let secret = elsewhere.appendingPathComponent("secret.txt")
            try String(repeating: "s3cr3t", count: 7).write(to: secret, atomically: true, encoding: .utf8)
            let held = node.store.peerTokenDirectory
            try FileManager.default.createDirectory(at: held, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: held.appendingPathComponent("link.token"), withDestinationURL: secret)

            let admin = try await WebBrowser.signIn(node, as: .admin)
            for (given, why) in [
                (secret.path, "is outside it"), ("../../\(elsewhere.lastPathComponent)/secret.txt", "is outside it"),
                ("link.token", "is a link to a file outside it, and links out of it are refused"),
                (held.appendingPathComponent("link.token").path, "is a link to a file outside it"),
            ] {
                let refused = try await admin.post("/admin/peers", ["name": "listener", "url": "http://127.0.0.1:9", "token_file": given])
                #expect(refused.status == 400, "\(given)")
                #expect(
                    refused.text.contains("must use a token file this node holds for peers, in \(held.path); \(given) \(why)"),
                    "\(given): \(refused.text)"
                )
            }
            #expect(try await node.store.peers().isEmpty)
        }
    }

    @Test func aTokenInThePeerTokenDirectoryIsAddedByItsName() async throws {
        try await withNode { node in
            let held = node.store.peerTokenDirectory
            try FileManager.default.createDirectory(at: held, withIntermediateDirectories: true)
            try (node.token(.peer) + "\n").write(to: held.appendingPathComponent("chennai.token"), atomically: true, encoding: .utf8)
            let admin = try await WebBrowser.signIn(node, as: .admin)
            let form = try await admin.get("/sync")
            #expect(form.text.contains(held.path), "the form names the directory")
            let added = try await admin.post("/admin/peers", ["name": "chennai", "url": "http://127.0.0.1:9", "token_file": "chennai.token"])
            #expect(added.status == 303)
            let peer = try #require(try await node.store.peers().first)
            #expect(peer.tokenFile == held.resolvingSymlinksInPath().appendingPathComponent("chennai.token").path)
        }
    }

    /// A peer the operator added with `liaison peer add` (any file) keeps its file and syncs; the
    /// page may not point it at a file elsewhere.
    @Test func aPeerAddedOnTheServerKeepsSyncingAndThePageCannotRepointIt() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                try await NodeSyncTests.connect(mumbai, to: chennai, as: "chennai")
                let before = try await mumbai.store.peers()
                let admin = try await WebBrowser.signIn(mumbai, as: .admin)
                let repoint = try await admin.post(
                    "/admin/peers",
                    ["name": "chennai", "url": chennai.base, "token_file": mumbai.directory.appendingPathComponent("liaison.conf").path]
                )
                #expect(repoint.status == 400)
                #expect(try await mumbai.store.peers() == before)
                #expect(try await admin.post("/sync", [:]).header("location") == "/sync?done=synced")
                let status = try #require(try await mumbai.store.peerStatuses().first)
                #expect(status.lastError == nil && status.lastSuccess != nil, "\(status)")
            }
        }
    }
}
