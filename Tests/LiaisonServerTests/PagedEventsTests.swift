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
    /// libcurl, watched: it keeps the URL of each request for changes, writes to the record
    /// `editing` at `node` once, before the second one, and takes the keys `hiding` out of the
    /// node's `GET /v1/node`, as a node older than them answers.
    final class WatchedTransport: SyncTransport {
        let inner: any SyncTransport
        let node: TestNode
        let editing: String?
        let hiding: Set<String>
        let pagesAsked = Mutex<[String]>([])

        init(_ inner: any SyncTransport, node: TestNode, editing: String? = nil, hiding: Set<String> = []) {
            (self.inner, self.node, self.editing, self.hiding) = (inner, node, editing, hiding)
        }

        func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
            if request.method == "GET", request.url.contains(SyncProtocol.changesPath) {
                let asked = pagesAsked.withLock {
                    $0.append(request.url)
                    return $0.count
                }
                if asked == 2, let editing {
                    let title = FieldValue.text("Lithium JV, edited between pages")
                    _ = try await node.store.update(id: editing, ["title": title], readContext: nil, author: "ravi")
                }
            }
            let response = try await inner.exchange(request)
            guard !hiding.isEmpty, request.url.hasSuffix(SyncProtocol.nodePath) else { return response }
            var node = try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any]
            for key in hiding { node[key] = nil }
            return SyncTransportResponse(status: response.status, body: Array(try JSONSerialization.data(withJSONObject: node)))
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

    /// The feed's pages from the start, asked with `query` (and `paged_events=1`) and each
    /// following `events_after`, until one has none (at most 20): the answers, each checked
    /// to be 200.
    static func pagesOfEvents(at node: TestNode, query: String = "") async throws -> [Reply] {
        var pages: [Reply] = []
        var eventsAfter: String?
        repeat {
            let path = "/v1/sync/changes?since=0&events_since=0&paged_events=1\(query)" + (eventsAfter.map { "&events_after=\($0)" } ?? "")
            let page = try await node.send("GET", path, token: node.token(.peer))
            try #require(page.status == 200, "\(page.text)")
            pages.append(page)
            eventsAfter = page.object["events_after"] as? String
        } while eventsAfter != nil && pages.count < 20
        return pages
    }

    /// A fresh store, and `node` as its peer.
    static func puller(of node: TestNode, in directory: URL) async throws -> (LiaisonStore, PeerRecord) {
        let name = UUID().uuidString
        try LiaisonStore.initialise(directory: directory.appendingPathComponent(name), office: "kolkata")
        let here = try LiaisonStore(directory: directory.appendingPathComponent(name), schema: BundledPlugins.schema)
        let tokenFile = directory.appendingPathComponent("\(name).token")
        try node.token(.peer).write(to: tokenFile, atomically: true, encoding: .utf8)
        let peer = PeerRecord(name: "mumbai", url: node.base, tokenFile: tokenFile.path)
        try await here.addPeer(peer, now: 0)
        return (here, peer)
    }

    @Test func aRecordOverTheClientsAnswerLimitIsPulledWholeAndAnEditBetweenPagesIsNotLost() async throws {
        try await withNode { node in
            // 90 edits: 5.4 MB of events, more than this client takes in one answer (5 MiB).
            let id = try await Self.longRecord(at: node.store, edits: 90)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-paged-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let (here, peer) = try await Self.puller(of: node, in: directory)
            let client = CurlClient(configuration: CurlClientConfiguration(maxResponseBytes: 5 << 20))
            let transport = WatchedTransport(client, node: node, editing: id)
            defer { transport.shutdown() }

            let report = try await SyncEngine(store: here, transport: transport).sync(with: peer)

            #expect(report.pulled.merged == 1, "the record counts once, not once a page")
            let there = try await Self.events(of: id, at: node.store)
            #expect(there.count == 92)
            #expect(try await Self.events(of: id, at: here) == there)
            #expect(try await here.state(id: id) == node.store.state(id: id))
            #expect(transport.pagesAsked.withLock { $0.count } >= 2)
            #expect(try await here.checkpoint(peer: node.store.identity.replicaID, direction: .pull) == node.store.currentSequence())
        }
    }

    @Test func aClientPagesARecordsEventsOnlyFromANodeThatListsPagedEvents() async throws {
        try await withNode { node in
            let id = try await Self.longRecord(at: node.store, edits: 80)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-paged-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            for old in [true, false] {
                let (here, peer) = try await Self.puller(of: node, in: directory)
                let transport = WatchedTransport(CurlClient(configuration: .init()), node: node, hiding: old ? ["paged_events", "sized_pages"] : [])
                defer { transport.shutdown() }
                _ = try await SyncEngine(store: here, transport: transport).sync(with: peer)
                #expect(try await Self.events(of: id, at: here) == Self.events(of: id, at: node.store))
                let asked = transport.pagesAsked.withLock { $0 }
                // An older node refuses a parameter it does not know: it is never sent one.
                #expect(asked.filter { $0.contains("paged_events") }.count == (old ? 0 : asked.count), "\(asked)")
                #expect(asked.count == (old ? 1 : 2))
            }
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
            let pages = try await Self.pagesOfEvents(at: node)
            for page in pages {
                #expect(page.response.body.count <= SyncProtocol.maxBatchBytes + 4_096)
                #expect((page.object["states"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
                #expect(page.object["last_sequence"] as? Int == (page.object["events_after"] == nil ? 81 : 0))
            }
            #expect(pages.count == 2)
            let events = pages.flatMap { $0.object["events"] as? [[String: Any]] ?? [] }
            #expect(events.map { $0["n"] as? Int } == Array(1...81))

            // A cursor that is not one is refused, naming it; so is one whose counter no write
            // has (past 2^53 - 1; at 2^64 - 1 it stopped the node).
            for cursor in ["nonsense", "\(id)~0~mumbai.aaaaaa~18446744073709551615", "\(id)~0~mumbai.aaaaaa~9007199254740992"] {
                let bad = try await node.send("GET", "/v1/sync/changes?since=0&paged_events=1&events_after=\(cursor)", token: peer)
                #expect(bad.status == 400)
                #expect(bad.error.contains("events_after"))
            }
            #expect(try await node.send("GET", "/v1/health").status == 200, "the node still serves")
        }
    }
}
