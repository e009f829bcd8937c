import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// The quarantine of a store an earlier release made keeps its entries, and they count against
/// the rooms of today's bound (docs/design.md §9).
@Suite("The quarantine of a store made by the previous release")
struct QuarantineMigrationTests {
    /// A store whose quarantine an earlier release all but filled from one peer token, under as
    /// many claimed replica ids, and from one pulled peer, under several of its replica ids:
    /// after the upgrade each has room for one more entry, whatever replica id comes next; the
    /// entries read as they were kept.
    @Test func entriesPushedUnderClaimedReplicaIDsFillTheirTokensRoom() async throws {
        let today = try StoreFixture()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try MigrationTests.makeEarlierStore(
            in: directory,
            upTo: MigrationTests.schema(before: "intake: the quarantine bounded per peer token and per configured peer"),
            copying: today.directory.appendingPathComponent(LiaisonStore.fileName)
        )
        let bound = IntakeLimits.maxQuarantinedPerSource
        let old = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await old.write { db in
            let pushed = (1..<bound).map { "push from chennai.r\(String($0, radix: 36)) (token hostile)" }
            let pulled = (1..<bound).map { "peer chennai (chennai.p\($0 % 3))" }
            let sources = pushed + pulled + ["bundle mumbai.json"]
            for (index, source) in sources.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO quarantine (source, record_id, problem, bytes, size, first_at, last_at)
                        VALUES (?, ?, 'value_usd: not a number', x'7b7d', 2, 1, 1)
                        """,
                    arguments: [source, "record-\(index)"]
                )
            }
        }
        try old.close()

        let store = try LiaisonStore(directory: directory, schema: .core)
        #expect(try await store.quarantinedCount() == 2 * bound - 1)
        #expect(try await store.quarantinedNotKept() == 0)
        let states = StoreMergeTests()
        func bad() throws -> RecordState { try states.foreignState(states.goodFields.merging(["value_usd": .text("lots")]) { $1 }) }

        // One more entry fits the token's room; then a replica id it never claimed gets none.
        let pushed = try await store.merge([try bad(), try bad()], origin: .push(claiming: "chennai.new001", token: "hostile"))
        #expect(pushed.quarantined.map { $0.problem.contains("not kept: token hostile fills the quarantine") } == [false, true])
        let pulled = try await store.merge([try bad(), try bad()], origin: .pull(from: "chennai", replicaID: "chennai.new002"))
        #expect(pulled.quarantined.map { $0.problem.contains("not kept: peer chennai fills the quarantine") } == [false, true])
        // A bundle's entry kept its own room.
        let bundled = try await store.merge([try bad()], origin: BatchOrigin("bundle mumbai.json"))
        #expect(bundled.quarantined.first?.problem.contains("not kept") == false)
        #expect(try await store.quarantinedCount() == 2 * bound + 2)
        #expect(try await store.quarantinedNotKept() == 2)
        #expect(try await store.quarantine().contains { $0.source == "push from chennai.r1 (token hostile)" })
    }
}
