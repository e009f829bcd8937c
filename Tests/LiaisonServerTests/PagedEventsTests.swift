import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization
import Testing

/// A record whose events are more than a page holds (docs/design.md §6, "A record's events over
/// several pages"): a client that asks (`paged_events`) gets them over several pages, each within
/// the batch limit, and none is lost when the record is written to between pages; a client that
/// does not ask gets each state whole, as before. Real stores, real HTTP through libcurl.
@Suite("A record's events over several pages of the changes feed")
struct PagedEventsTests {
    /// libcurl, that writes to the record `id` at `node` once, before the second page of
    /// changes is asked for.
    final class EditingTransport: SyncTransport {
        let inner: any SyncTransport
        let node: TestNode
        let id: String
        let pagesAsked = Mutex(0)

        init(_ inner: any SyncTransport, editing id: String, at node: TestNode) {
            (self.inner, self.node, self.id) = (inner, node, id)
        }

        func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
            if request.method == "GET", request.url.contains(SyncProtocol.changesPath) {
                let asked = pagesAsked.withLock {
                    $0 += 1
                    return $0
                }
                if asked == 2 {
                    _ = try await node.store.update(id: id, ["title": .text("Lithium JV, edited between pages")], readContext: nil, author: "ravi")
                }
            }
            return try await inner.exchange(request)
        }

        func shutdown() { inner.shutdown() }
    }

    /// A record at `store` saved `edits` times with 10,000 characters of notes: control
    /// characters, six bytes each as JSON, so 60 KB of events an edit.
    static func longRecord(at store: LiaisonStore, edits: Int) async throws -> String {
        let values = try store.schema.parseAssignments(["type=investment", "title=Lithium JV", "tracks=critical_minerals"])
        let id = try await store.create(values, author: "asha").id
        let filler = String(repeating: "\u{1}", count: 9_990)
        for edit in 1...edits {
            _ = try await store.update(id: id, ["notes": .text("edit \(edit) \(filler)")], readContext: nil, author: "asha")
        }
        return id
    }

    /// The record's events as its history holds them, oldest first.
    static func events(of id: String, at store: LiaisonStore) async throws -> [WriteEvent] {
        try await store.history(id: id)?.map(\.event).reversed() ?? []
    }

    @Test func aRecordOverTheClientsAnswerLimitIsPulledWholeAndAnEditBetweenPagesIsNotLost() async throws {
        try await withNode { node in
            // 170 edits: over 10 MiB of events, more than this client takes in one answer.
            let id = try await Self.longRecord(at: node.store, edits: 170)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-paged-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try LiaisonStore.initialise(directory: directory.appendingPathComponent("here"), office: "kolkata")
            let here = try LiaisonStore(directory: directory.appendingPathComponent("here"), schema: BundledPlugins.schema)
            let tokenFile = directory.appendingPathComponent("peer.token")
            try node.token(.peer).write(to: tokenFile, atomically: true, encoding: .utf8)
            let peer = PeerRecord(name: "mumbai", url: node.base, tokenFile: tokenFile.path)
            try await here.addPeer(peer, now: 0)
            let client = CurlClient(configuration: CurlClientConfiguration(maxResponseBytes: 8 << 20))
            let transport = EditingTransport(client, editing: id, at: node)
            defer { transport.shutdown() }
            let engine = SyncEngine(store: here, transport: transport)

            _ = try await engine.sync(with: peer)

            let there = try await Self.events(of: id, at: node.store)
            #expect(there.count == 172)
            #expect(try await Self.events(of: id, at: here) == there)
            #expect(try await here.state(id: id) == node.store.state(id: id))
            #expect(transport.pagesAsked.withLock { $0 } >= 3)
            #expect(try await here.checkpoint(peer: node.store.identity.replicaID, direction: .pull) == node.store.currentSequence())
        }
    }

    @Test func onlyAClientThatAsksGetsARecordsEventsOverSeveralPages() async throws {
        try await withNode { node in
            let id = try await Self.longRecord(at: node.store, edits: 80)
            let peer = node.token(.peer)
            let listed = try await node.send("GET", "/v1/node", token: peer)
            #expect(listed.object["paged_events"] as? Bool == true)

            // A client that does not ask (every release before 2026.12.05.3) gets the record whole.
            let whole = try await node.send("GET", "/v1/sync/changes?since=0&events_since=0", token: peer)
            #expect(whole.status == 200)
            #expect(whole.object["events_after"] == nil)
            #expect((whole.object["events"] as? [Any])?.count == 81)
            #expect(whole.object["more"] as? Bool == false)

            // One that asks gets runs of its events within 4 MiB, the state in each, until the last.
            var eventsAfter: String?
            var events: [[String: Any]] = []
            var pages = 0
            repeat {
                let query = "since=0&events_since=0&paged_events=1" + (eventsAfter.map { "&events_after=\($0)" } ?? "")
                let page = try await node.send("GET", "/v1/sync/changes?\(query)", token: peer)
                try #require(page.status == 200, "\(page.text)")
                #expect(page.response.body.count <= SyncProtocol.maxBatchBytes + 4_096)
                #expect((page.object["states"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
                events += page.object["events"] as? [[String: Any]] ?? []
                eventsAfter = page.object["events_after"] as? String
                #expect(page.object["last_sequence"] as? Int == (eventsAfter == nil ? 81 : 0))
                pages += 1
            } while eventsAfter != nil && pages < 10
            #expect(pages == 2)
            #expect(events.map { $0["n"] as? Int } == Array(1...81))

            // A cursor that is not one is refused, naming it.
            let bad = try await node.send("GET", "/v1/sync/changes?since=0&paged_events=1&events_after=nonsense", token: peer)
            #expect(bad.status == 400)
            #expect(bad.error.contains("events_after"))
        }
    }
}
