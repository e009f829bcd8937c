import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Testing

/// A compressed sync and an uncompressed one end in identical stores (issue 14): the same
/// pulls and pushes over real HTTP through libcurl, once with gzip and once without.
@Suite("Sync with and without gzip ends in identical stores")
struct CompressedSyncIdentityTests {
    /// Every record state at `store` with its events, as the changes feed sends them, by record.
    static func contents(_ store: LiaisonStore) async throws -> [String] {
        let page = try await store.changes(since: 0, limit: 100_000)
        return page.states.map { ([$0.json] + $0.events.sorted()).joined(separator: "\n") }.sorted()
    }

    /// A fresh local store in `directory`.
    static func newStore(_ name: String, in directory: URL) throws -> LiaisonStore {
        let data = directory.appendingPathComponent(name)
        try LiaisonStore.initialise(directory: data, office: "kolkata")
        return try LiaisonStore(directory: data, schema: BundledPlugins.schema)
    }

    /// One sync of `store` with `node` through libcurl, gzip on or off, pages of 100 states.
    static func syncer(
        _ store: LiaisonStore,
        with node: TestNode,
        in directory: URL,
        compression: Bool
    ) async throws -> @Sendable () async throws -> SyncReport {
        let tokenFile = directory.appendingPathComponent("\(UUID().uuidString).token")
        try node.token(.peer).write(to: tokenFile, atomically: true, encoding: .utf8)
        let peer = PeerRecord(name: node.store.identity.office, url: node.base, tokenFile: tokenFile.path)
        try await store.addPeer(peer, now: 0)
        let configuration = SyncConfiguration(batchRecords: 100, compression: compression)
        return {
            let transport = configuration.makeTransport()
            defer { transport.shutdown() }
            return try await SyncEngine(store: store, transport: transport, configuration: configuration).sync(with: peer)
        }
    }

    @Test func pullsAndPushesWithAndWithoutGzipGiveTheSameStores() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-gzip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withNode(office: "mumbai") { source in
            // 250 records over three pages, edited and some deleted, so states carry several events.
            var ids: [String] = []
            for index in 0..<250 {
                ids.append(
                    try await source.store.create(
                        [
                            "title": .text("Wafer fab supply \(index)"), "type": .text("investment"),
                            "tracks": .list(["semiconductors"]), "value_usd": .number(Double(index * 1000)),
                        ],
                        author: "asha"
                    ).id
                )
            }
            for id in ids.prefix(60) {
                _ = try await source.store.update(id: id, ["status": .text("contacted")], readContext: nil, author: "ravi")
            }
            for id in ids.suffix(10) { _ = try await source.store.delete(id: id, readContext: nil, author: "ravi") }

            // Pull: one store with gzip, one without.
            let (gzipped, plain) = (try Self.newStore("gzipped", in: directory), try Self.newStore("plain", in: directory))
            let syncGzipped = try await Self.syncer(gzipped, with: source, in: directory, compression: true)
            let syncPlain = try await Self.syncer(plain, with: source, in: directory, compression: false)
            let gzippedPull = try await syncGzipped()
            let plainPull = try await syncPlain()
            #expect(gzippedPull.pulled.changed == 250 && plainPull.pulled.changed == 250)
            #expect(try await Self.contents(gzipped) == Self.contents(plain))
            #expect(try await Self.contents(gzipped) == Self.contents(source.store))
            #expect(gzippedPull.bytesReceived.wire * 4 < gzippedPull.bytesReceived.plain, "\(gzippedPull.bytesReceived)")
            #expect(plainPull.bytesReceived.wire == plainPull.bytesReceived.plain)
            #expect(gzippedPull.bytesReceived.plain == plainPull.bytesReceived.plain, "the same JSON either way")

            // Push: each store pushes all it holds to a new node of its own, with gzip and without.
            try await withNode(office: "chennai") { gzipTarget in
                try await withNode(office: "hyderabad") { plainTarget in
                    let pushGzipped = try await Self.syncer(gzipped, with: gzipTarget, in: directory, compression: true)
                    let pushPlain = try await Self.syncer(plain, with: plainTarget, in: directory, compression: false)
                    let gzipPush = try await pushGzipped()
                    let plainPush = try await pushPlain()
                    #expect(gzipPush.pushed.changed == 250 && plainPush.pushed.changed == 250)
                    #expect(gzipPush.bytesSent.wire * 4 < gzipPush.bytesSent.plain, "\(gzipPush.bytesSent)")
                    #expect(plainPush.bytesSent.wire == plainPush.bytesSent.plain)
                    #expect(try await Self.contents(gzipTarget.store) == Self.contents(plainTarget.store))
                }
            }
        }
    }
}
