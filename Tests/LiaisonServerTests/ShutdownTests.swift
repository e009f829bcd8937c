import Foundation
import LiaisonStore
import LiaisonSync
import Synchronization
import Testing

@Suite("Graceful shutdown: a sync stops between batches, never in the middle of one")
struct ShutdownTests {
    @Test func stopDuringAPullFinishesTheBatchThenStops() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                for index in 0..<12 {
                    let reply = try await chennai.send(
                        "POST",
                        "/v1/records",
                        token: chennai.token(.editor),
                        json: #"{"title":"R\#(index)","type":"event","tracks":["sccp"]}"#
                    )
                    #expect(reply.status == 201)
                }
                try await NodeSyncTests.connect(mumbai, to: chennai, as: "chennai")
                let peer = try #require(try await mumbai.store.peers().first)
                var engine = SyncEngine(store: mumbai.store, transport: mumbai.client)
                // Pages of 2 records, merged `pagesPerMerge` pages to a transaction: the first
                // batch is 8 records.
                engine.batchRecords = 2
                let batch = 2 * SyncEngine.pagesPerMerge
                let signal = engine.stopSignal
                let batches = Mutex(0)
                // Shutdown arrives while the first batch is being handled.
                await #expect(throws: SyncStopped.self) {
                    try await engine.sync(with: peer) { event in
                        if case .pulled = event {
                            batches.withLock { $0 += 1 }
                            signal.stop()
                        }
                    }
                }
                #expect(batches.withLock { $0 } == 1)
                #expect(signal.activeSyncs == 0)
                await signal.waitUntilIdle()
                // The batch in flight committed, with its checkpoint; nothing after it.
                #expect(try await NodeSyncTests.titles(mumbai).count == batch)
                let checkpoint = try await mumbai.store.checkpoint(peer: chennai.store.identity.replicaID, direction: .pull)
                #expect(checkpoint > 0)
                // A stop is not a failure.
                let status = try #require(try await mumbai.store.peerStatuses().first)
                #expect(status.lastError == nil)
                #expect(status.behind == Int64(12 - batch))
                // Stopped engines start nothing.
                await #expect(throws: SyncStopped.self) { try await engine.sync(with: peer) }
                // The next run resumes from the checkpoint.
                let next = SyncEngine(store: mumbai.store, transport: mumbai.client)
                let report = try await next.sync(with: peer)
                #expect(report.pulled.merged == 12 - batch)
                #expect(try await NodeSyncTests.titles(mumbai).count == 12)
            }
        }
    }
}
