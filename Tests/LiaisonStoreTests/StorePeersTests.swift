import Foundation
import LiaisonStore
import Testing

/// The config file's peers are the node's configured peers; peers added by hand stay.
@Suite("Configured peers")
struct StorePeersTests {
    @Test func aPeerTakenOutOfTheConfigFileIsRemovedAndHandAddedPeersStay() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let chennai = PeerRecord(name: "chennai", url: "http://10.0.0.3:8080", tokenFile: "/etc/liaison/chennai.token")
        let kolkata = PeerRecord(name: "kolkata", url: "http://10.0.0.4:8080", tokenFile: "/etc/liaison/kolkata.token")
        let byHand = PeerRecord(name: "pune-test", url: "http://10.0.0.9:8080", tokenFile: "/tmp/pune.token")
        try await store.addPeer(byHand, now: 1)
        #expect(try await store.replaceConfiguredPeers(with: [chennai, kolkata], now: 2) == [])
        var status = PeerStatus(name: "kolkata")
        status.lastError = "connect refused"
        try await store.savePeerStatus(status)
        #expect(try await store.peers() == [chennai, kolkata, byHand])

        // The next file moves Chennai and drops Kolkata.
        let moved = PeerRecord(name: "chennai", url: "https://chennai.example:8443", tokenFile: chennai.tokenFile)
        #expect(try await store.replaceConfiguredPeers(with: [moved], now: 3) == ["kolkata"])
        #expect(try await store.peers() == [moved, byHand])
        #expect(try await store.peerStatuses().map(\.name) == ["chennai", "pune-test"], "Kolkata's status went with it")

        // A file with no peers removes only the file's peers.
        #expect(try await store.replaceConfiguredPeers(with: [], now: 4) == ["chennai"])
        #expect(try await store.peers() == [byHand])
    }

    /// Earlier builds cleared a peer's error at a success but kept its time.
    @Test func anErrorsTimeIsReadOnlyWithTheError() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addPeer(PeerRecord(name: "chennai", url: "http://10.0.0.3:8080", tokenFile: "/etc/chennai"), now: 1)
        var status = PeerStatus(name: "chennai")
        status.lastSuccess = 20
        status.lastErrorAt = 10
        try await store.savePeerStatus(status)
        #expect(try await store.peerStatuses().first?.lastErrorAt == nil)
        status.lastError = "connect refused"
        try await store.savePeerStatus(status)
        #expect(try await store.peerStatuses().first?.lastErrorAt == 10)
    }
}
