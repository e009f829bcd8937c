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

    /// "Sync now" answered with the page itself, so reloading it synced again.
    @Test func syncNowRedirectsToTheSyncPageSayingHowItWent() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            let none = try await admin.post("/sync", [:])
            #expect(none.status == 303 && none.header("location") == "/sync?done=nopeers")
            #expect(try await admin.get("/sync?done=nopeers").text.contains("This node has no peers to sync with."))

            try await node.store.addPeer(PeerRecord(name: "chennai", url: "http://127.0.0.1:9", tokenFile: "/dev/null"), now: 0)
            let failed = try await admin.post("/sync", [:])
            #expect(failed.status == 303 && failed.header("location") == "/sync?done=syncproblems")
            let page = try await admin.get("/sync?done=syncproblems").text
            #expect(page.contains("Sync finished with problems") && page.contains("cannot read token file /dev/null"), "\(page)")
        }
    }
}
