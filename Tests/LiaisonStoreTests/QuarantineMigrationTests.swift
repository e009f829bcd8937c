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
        let directory = try MigrationTests.earlierStore(
            before: "intake: the quarantine bounded per peer token and per configured peer",
            copying: today.directory
        )
        defer { try? FileManager.default.removeItem(at: directory) }
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
        #expect(try await store.quarantine(limit: 10_000).entries.contains { $0.source == "push from chennai.r1 (token hostile)" })
    }

    /// A store whose quarantine the previous release filled, at times out of order and several
    /// at one millisecond, lists it after the upgrade a page at a time: every entry once, the
    /// most recent arrival first, each page read by the index of that order rather than by
    /// sorting every entry's bytes.
    @Test func aQuarantineMadeByThePreviousReleaseIsListedAPageAtATime() async throws {
        let today = try StoreFixture()
        let directory = try MigrationTests.earlierStore(before: "intake: the quarantine listed a page at a time", copying: today.directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arrivals: [Int64] = (0..<30).map { [5, 1, 9, 9, 9, 3][$0 % 6] * 1_000 + Int64($0 / 6) }
        let old = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await old.write { db in
            for (index, lastAt) in arrivals.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO quarantine (source, room, record_id, problem, bytes, size, first_at, last_at)
                        VALUES ('bundle mumbai.json', 'bundle mumbai.json', ?, 'value_usd: not a number', x'7b7d', 2, 1, ?)
                        """,
                    arguments: ["record-\(index)", lastAt]
                )
            }
        }
        try old.close()

        let store = try LiaisonStore(directory: directory, schema: .core)
        var listed: [QuarantineEntry] = []
        var cursor: QuarantineCursor?
        repeat {
            let page = try await store.quarantine(limit: 7, after: cursor)
            #expect(page.total == arrivals.count)
            listed += page.entries
            cursor = page.next
        } while cursor != nil && listed.count <= arrivals.count
        let expected = arrivals.enumerated().map { (id: Int64($0.offset + 1), lastAt: $0.element) }
            .sorted { ($0.lastAt, $0.id) > ($1.lastAt, $1.id) }
        #expect(listed.map(\.id) == expected.map(\.id))
        #expect(listed.map(\.recordID) == expected.map { "record-\($0.id - 1)" })

        let middle = QuarantineCursor(after: listed[10])
        let plans = try await store.database.read { db in
            try [nil, middle].map { cursor in
                let (sql, arguments) = QuarantinePage.statement(after: cursor, limit: 8)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: "\n")
            }
        }
        for plan in plans {
            #expect(plan.contains("INDEX quarantine_last_at") && !plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }
}
