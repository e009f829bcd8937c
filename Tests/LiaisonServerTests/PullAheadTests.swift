import CurlHTTP
import Foundation
import Hummingbird
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Testing

/// Sync reads pages ahead of the one it merges. A corrupt state from a peer (a fault a real
/// node cannot produce, so the peer here is a small canned feed) must still stop the pull
/// exactly at its page: the pages before it merged, nothing of it or after it, and the error
/// is that page's, not that of a later page read ahead.
@Suite("Pulling pages ahead")
struct PullAheadTests {
    static let peerReplica = "chennai.abc123"

    static func state(_ title: String, value: FieldValue = .number(1_000)) -> RecordState {
        var state = RecordState(id: RecordID.make())
        try! state.write(
            [
                "type": .text("investment"), "title": .text(title), "office": .text("chennai"),
                "tracks": .list(["sccp"]), "status": .text("identified"), "value_usd": value,
            ],
            readContext: .empty,
            replica: peerReplica,
            meta: WriteMeta(author: "priya", at: 1_700_000_000_000)
        )
        return state
    }

    static func page(_ states: [RecordState], last: Int, more: Bool) -> String {
        #"{"last_sequence":\#(last),"more":\#(more),"replica_id":"\#(peerReplica)","states":["#
            + states.map(\.canonicalJSON).joined(separator: ",") + "]}"
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Serves `/v1/node` and a feed of `pages` keyed by `since`, on a free loopback port.
    static func withFeed(_ pages: [String: String], _ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        let node = #"{"office":"chennai","protocol":\#(SyncProtocol.version),"replica_id":"\#(peerReplica)","sequence":9}"#
        router.get("/v1/node") { _, _ in Self.json(node) }
        router.get("/v1/sync/changes") { request, _ in
            Self.json(pages[request.uri.queryParameters.get("since") ?? ""] ?? #"{"error":"no such page"}"#)
        }
        let (ports, found) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: {
                found.yield($0.localAddress?.port ?? 0)
                found.finish()
            }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            defer { group.cancelAll() }
            try await body("http://127.0.0.1:\(port)")
        }
    }

    @Test func aCorruptStateIsQuarantinedAndAMalformedPageStopsThePullAfterTheGoodPagesMerged() async throws {
        let first = (0..<3).map { Self.state("First page \($0)") }
        let bad = Self.state("Corrupt", value: .text("lots"))
        let second = [Self.state("Second page"), bad]
        // The page after it is malformed: read ahead, its error must wait for its turn.
        let pages = [
            "0": Self.page(first, last: 3, more: true), "3": Self.page(second, last: 6, more: true),
            "6": #"{"last_sequence":9,"more":false,"replica_id":"\#(Self.peerReplica)","states":[{"id":"#,
        ]

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-pull-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "mumbai")
        let store = try LiaisonStore(directory: directory, schema: .core)
        let tokenFile = directory.appendingPathComponent("chennai.token")
        try "peer-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)

        try await Self.withFeed(pages) { url in
            let peer = PeerRecord(name: "chennai", url: url, tokenFile: tokenFile.path)
            try await store.addPeer(peer, now: 0)
            let engine = SyncEngine(store: store, transport: CurlClient(configuration: .init(totalTimeout: 10)))
            let error = await #expect(throws: (any Error).self) { try await engine.sync(with: peer) }
            let text = "\(error.map { "\($0)" } ?? "")"
            #expect(text.contains("malformed JSON"), "the malformed page is the error: \(text)")
        }
        let stored = try await store.changes(since: 0, limit: 100).states.map { try RecordState(json: Data($0.json.utf8)).id }
        #expect(Set(stored) == Set((first + [second[0]]).map(\.id)), "both good pages merged, the corrupt state did not")
        #expect(try await store.checkpoint(peer: Self.peerReplica, direction: .pull) == 6)
        let quarantined = try await store.quarantine(limit: 10_000).entries
        #expect(quarantined.map(\.recordID) == [bad.id])
        #expect(quarantined.first?.source == "peer chennai (\(Self.peerReplica))")
        #expect(quarantined.first?.problem.contains("value_usd") == true)
        let status = try #require(try await store.peerStatuses().first { $0.name == "chennai" })
        #expect(status.lastError?.contains("malformed JSON") == true)
    }
}
