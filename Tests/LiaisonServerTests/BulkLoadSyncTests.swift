import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization
import Testing

/// A first sync of many records loads them in bulk (docs/design.md §13): the list indexes are
/// aside while the pages merge and come back at the end, also when the pull fails; the store
/// ends as a record-by-record sync leaves it. Real HTTP through libcurl, watched from outside.
@Suite("A first sync loads in bulk and ends as a plain one")
struct BulkLoadSyncTests {
    /// libcurl, with a look at the pulling store before each page of changes is asked for; the
    /// request after `failAfter` pages fails as a dropped connection does.
    final class WatchedTransport: SyncTransport {
        let inner: any SyncTransport
        let store: LiaisonStore
        let failAfter: Int?
        /// Whether the list indexes were aside, at each request for changes.
        let asideAtPages = Mutex<[Bool]>([])

        init(_ inner: any SyncTransport, watching store: LiaisonStore, failAfter: Int? = nil) {
            (self.inner, self.store, self.failAfter) = (inner, store, failAfter)
        }

        func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
            if request.url.contains(SyncProtocol.changesPath), request.method == "GET" {
                let aside = try await store.indexesAreAside()
                let pages = asideAtPages.withLock {
                    $0.append(aside)
                    return $0.count
                }
                if let failAfter, pages > failAfter { throw TestFailure("connection dropped") }
            }
            return try await inner.exchange(request)
        }

        func shutdown() { inner.shutdown() }
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Syncs `store` with `node` once: pages of 50 states, bulk loads from 100 records.
    static func sync(
        _ store: LiaisonStore,
        with node: TestNode,
        in directory: URL,
        failAfter: Int? = nil
    ) async throws -> (Result<SyncReport, any Error>, [Bool]) {
        let tokenFile = directory.appendingPathComponent("\(UUID().uuidString).token")
        try node.token(.peer).write(to: tokenFile, atomically: true, encoding: .utf8)
        let peer = PeerRecord(name: node.store.identity.office, url: node.base, tokenFile: tokenFile.path)
        try await store.addPeer(peer, now: 0)
        let configuration = SyncConfiguration(batchRecords: 50)
        let transport = WatchedTransport(configuration.makeTransport(), watching: store, failAfter: failAfter)
        defer { transport.shutdown() }
        var engine = SyncEngine(store: store, transport: transport, configuration: configuration)
        engine.bulkLoadThreshold = 100
        let result: Result<SyncReport, any Error>
        do { result = .success(try await engine.sync(with: peer)) } catch { result = .failure(error) }
        return (result, transport.asideAtPages.withLock { $0 })
    }

    /// A fresh store named `name` in `directory`.
    static func newStore(_ name: String, in directory: URL) throws -> LiaisonStore {
        let data = directory.appendingPathComponent(name)
        try LiaisonStore.initialise(directory: data, office: "kolkata")
        return try LiaisonStore(directory: data, schema: BundledPlugins.schema)
    }

    /// What a person sees: the list in two orders, a search and a filter, all ids.
    static func seen(_ store: LiaisonStore) async throws -> [[String]] {
        var seen: [[String]] = []
        for query in [
            RecordQuery(sort: .title, limit: 1_000), RecordQuery(sort: .value, limit: 1_000),
            RecordQuery(status: "contacted", limit: 1_000), RecordQuery(text: "waf", limit: 1_000),
        ] {
            seen.append(try await store.page(query).states.map(\.id))
        }
        return seen
    }

    /// A node holding 300 records, 60 of them edited and 10 deleted, a new empty store (`new`), and
    /// a directory for the store and its token files, removed afterwards.
    static func withSource(_ body: @escaping @Sendable (TestNode, LiaisonStore, URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-bulk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withNode(office: "mumbai") { source in
            var ids: [String] = []
            for index in 0..<300 {
                let values: [String: FieldValue] = [
                    "title": .text("Wafer fab supply \(index)"), "type": .text("investment"),
                    "tracks": .list(["semiconductors"]), "value_usd": .number(Double((index * 7_919) % 300 * 1_000)),
                ]
                ids.append(try await source.store.create(values, author: "asha").id)
            }
            for id in ids.prefix(60) {
                _ = try await source.store.update(id: id, ["status": .text("contacted")], readContext: nil, author: "ravi")
            }
            for id in ids.suffix(10) { _ = try await source.store.delete(id: id, readContext: nil, author: "ravi") }
            try await body(source, try Self.newStore("new", in: directory), directory)
        }
    }

    @Test("a first sync loads with the list indexes aside and ends with the list, search and history of the peer")
    func firstSyncLoadsInBulk() async throws {
        try await Self.withSource { source, store, directory in
            let (result, aside) = try await Self.sync(store, with: source, in: directory)
            #expect(try result.get().pulled.changed == 300)
            #expect(aside.count >= 6 && aside.allSatisfy { $0 }, "\(aside)")
            #expect(try await store.indexesAreAside() == false)
            #expect(try await Self.seen(store) == Self.seen(source.store))
            #expect(try await store.changes(since: 0, limit: 1_000).states.count == 300)
            let anyEdited = try await source.store.page(RecordQuery(status: "contacted", limit: 1)).states[0].id
            #expect(try await store.history(id: anyEdited) == source.store.history(id: anyEdited))

            // The next sync brings few records: no bulk load.
            _ = try await source.store.create(
                ["title": .text("Wafer fab 301"), "type": .text("investment"), "tracks": .list(["semiconductors"])],
                author: "asha"
            )
            let (again, asideAgain) = try await Self.sync(store, with: source, in: directory)
            #expect(try again.get().pulled.changed == 1)
            #expect(asideAgain.allSatisfy { !$0 }, "\(asideAgain)")
        }
    }

    @Test("a first sync cut short keeps the pages it merged, builds the indexes again, and the next one finishes")
    func cutShortFirstSync() async throws {
        try await Self.withSource { source, store, directory in
            let (failed, _) = try await Self.sync(store, with: source, in: directory, failAfter: 2)
            #expect(throws: (any Error).self) { try failed.get() }
            #expect(try await store.indexesAreAside() == false)
            let kept = try await store.changes(since: 0, limit: 1_000).states.count
            #expect(kept == 100, "the two pages before the dropped connection")

            let (finished, _) = try await Self.sync(store, with: source, in: directory)
            #expect(try finished.get().pulled.changed == 200)
            #expect(try await Self.seen(store) == Self.seen(source.store))
        }
    }
}
