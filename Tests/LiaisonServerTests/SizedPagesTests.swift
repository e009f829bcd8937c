import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization
import TestProcesses
import Testing

/// A client asks a node for pages within fewer bytes than its default (`max_bytes`, docs/design.md
/// §6, "A pull that times out asks for smaller pages"): a node lists `sized_pages` and keeps each page within what was asked; a
/// client asks only a node that lists it, since older ones refuse the parameter; a client asks
/// for smaller pages after a page that timed out, never after a connection that could not be
/// made. Real stores, real HTTP through libcurl.
@Suite("Pages of the changes feed within the bytes a client asks for")
struct SizedPagesTests {
    /// libcurl to the node until the first page of changes has come; each page after it is
    /// asked of `gone`, a port that takes no connections, as when the node's host drops off the
    /// network in the middle of a pull.
    final class VanishingTransport: SyncTransport {
        let inner: any SyncTransport
        let node: TestNode
        let gone: FullListenQueue
        let pagesAsked = Mutex(0)

        init(_ inner: any SyncTransport, node: TestNode, gone: FullListenQueue) {
            (self.inner, self.node, self.gone) = (inner, node, gone)
        }

        func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
            var request = request
            if request.method == "GET", request.url.contains(SyncProtocol.changesPath),
                pagesAsked.withLock({
                    $0 += 1
                    return $0 > 1
                })
            {
                request.url = "http://127.0.0.1:\(gone.port)" + request.url.dropFirst(node.base.count)
            }
            return try await inner.exchange(request)
        }

        func shutdown() { inner.shutdown() }
    }

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

    @Test func aNodeThatStopsTakingConnectionsInAPullFailsTheRoundWithoutAskingForSmallerPages() async throws {
        try await withNode { node in
            _ = try await PagedEventsTests.longRecord(at: node.store, edits: 40)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-sized-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let gone = try FullListenQueue()
            defer { gone.close() }
            let (here, peer) = try await PagedEventsTests.puller(of: node, in: directory)
            let client = CurlClient(configuration: .init(connectTimeout: 0.5, totalTimeout: 30))
            let transport = VanishingTransport(client, node: node, gone: gone)
            defer { transport.shutdown() }
            let configuration = SyncConfiguration(batchBytes: 1 << 20)

            let error = await #expect(throws: SyncError.self) {
                try await SyncEngine(store: here, transport: transport, configuration: configuration).sync(with: peer)
            }
            #expect(error?.message.contains("connect to 127.0.0.1:\(gone.port) timed out") == true, "\(String(describing: error))")
            #expect(error?.timedOut == false)
            // The first page, then the second once: a smaller page would not connect either
            // (asking again at 512, 256, 128 and 64 KiB would cost four more connect timeouts).
            #expect(transport.pagesAsked.withLock { $0 } == 2)
        }
    }
}
