import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization
import Testing

/// A client asks a node for pages within fewer bytes than its default (`max_bytes`, docs/design.md
/// §6, "A pull that times out asks for smaller pages"): a node lists `sized_pages` and keeps each page within what was asked; a
/// client asks only a node that lists it, since older ones refuse the parameter. Real stores,
/// real HTTP through libcurl.
@Suite("Pages of the changes feed within the bytes a client asks for")
struct SizedPagesTests {
    @Test func aNodeKeepsEachPageWithinTheBytesAskedForAndRefusesASizeOutOfRange() async throws {
        try await withNode { node in
            // 40 edits of 60 KB: 2.4 MB of events.
            let id = try await PagedEventsTests.longRecord(at: node.store, edits: 40)
            let peer = node.token(.peer)
            let listed = try await node.send("GET", "/v1/node", token: peer)
            #expect(listed.object["sized_pages"] as? Bool == true)

            let pages = try await PagedEventsTests.pagesOfEvents(at: node, query: "&max_bytes=500000")
            for page in pages {
                #expect(page.response.body.count <= 500_000 + 4_096)
                #expect((page.object["states"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            }
            #expect(pages.count >= 5)
            let events = pages.flatMap { $0.object["events"] as? [[String: Any]] ?? [] }
            #expect(events.map { $0["n"] as? Int } == Array(1...41))

            for bad in ["100", "5000000", "half"] {
                let refused = try await node.send("GET", "/v1/sync/changes?since=0&max_bytes=\(bad)", token: peer)
                #expect(refused.status == 400)
                #expect(refused.error.contains("\"max_bytes\" must be an integer from 1024 to 4194304"), "\(refused.error)")
            }
        }
    }

    @Test func aClientAsksForPagesOfItsBatchBytesOnlyFromANodeThatListsSizedPages() async throws {
        try await withNode { node in
            let id = try await PagedEventsTests.longRecord(at: node.store, edits: 40)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-sized-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            for old in [true, false] {
                let (here, peer) = try await PagedEventsTests.puller(of: node, in: directory)
                let transport = PagedEventsTests.WatchedTransport(CurlClient(configuration: .init()), node: node, hiding: old ? ["sized_pages"] : [])
                defer { transport.shutdown() }
                let configuration = SyncConfiguration(batchBytes: 1 << 20)
                _ = try await SyncEngine(store: here, transport: transport, configuration: configuration).sync(with: peer)
                #expect(try await PagedEventsTests.events(of: id, at: here) == PagedEventsTests.events(of: id, at: node.store))
                let asked = transport.pagesAsked.withLock { $0 }
                // An older node refuses a parameter it does not know: it is never sent one.
                #expect(asked.filter { $0.contains("max_bytes=") }.count == (old ? 0 : asked.count), "\(asked)")
                #expect(asked.filter { $0.contains("max_bytes=1048576") }.count == (old ? 0 : asked.count), "\(asked)")
                #expect(old ? asked.count == 1 : asked.count >= 3, "\(asked)")
            }
        }
    }
}
