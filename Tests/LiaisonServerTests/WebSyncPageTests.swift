import Foundation
import LiaisonStore
import Testing

@Suite("Web: the Sync page")
struct WebSyncPageTests {
    /// A failing peer showed "Failing" and, from its last sync that worked, "Up to date".
    @Test func aFailingPeersBehindIsUnknown() async throws {
        try await withNode { node in
            for name in ["chennai", "kolkata"] {
                try await node.store.addPeer(PeerRecord(name: name, url: "http://127.0.0.1:9", tokenFile: "/dev/null"), now: 0)
            }
            var working = PeerStatus(name: "kolkata")
            working.lastSuccess = 1_000
            working.behind = 1
            try await node.store.savePeerStatus(working)
            // Chennai's last sync that worked found it up to date; its syncs fail since.
            var failing = PeerStatus(name: "chennai")
            failing.lastSuccess = 1_000
            failing.behind = 0
            failing.lastError = "chennai: connection refused"
            failing.lastErrorAt = 2_000
            try await node.store.savePeerStatus(failing)

            let page = try await WebBrowser.signIn(node, as: .admin).get("/sync").text
            let chennai = try #require(page.range(of: "connection refused").map { String(page[..<$0.lowerBound].suffix(600)) })
            #expect(chennai.contains("Failing") && chennai.contains("Unknown while failing") && !chennai.contains("Up to date"), "\(chennai)")
            #expect(page.contains("1 change to fetch"), "a working peer's count stays")
        }
    }
}
