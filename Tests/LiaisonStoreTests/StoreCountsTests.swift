import Foundation
import GRDB
import LiaisonCore
import LiaisonReports
import LiaisonStore
import TestProcesses
import Testing

@Suite("Counts kept as the store changes", .offThePool)
struct StoreCountsTests {
    @Test("kept counts equal a full recount after random writes, merges, deletes and resolutions", arguments: 1...6)
    func keptEqualsRecount(seed: UInt64) async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let recount = StoreRecount(directory: fixture.directory)
        var random = ManyRecords(seed: seed)
        var ids: [String] = []
        for _ in 0..<40 {
            switch random.number(6) {
            case 0:
                let states = random.states(1 + random.number(30))
                ids += states.map(\.id)
                _ = try await store.merge(states)
            case 1:
                ids.append(try await store.create(random.fields(), author: "a").id)
            case 2 where !ids.isEmpty:
                var fields = random.fields()
                fields["title"] = nil
                _ = try? await store.update(id: random.pick(ids), fields, readContext: nil, author: "a")
            case 3 where !ids.isEmpty:
                // Refused when the record is already deleted (StoreDeleteTests).
                _ = try? await store.delete(id: random.pick(ids), readContext: nil, author: "a")
            case 4 where !ids.isEmpty:
                let id = random.pick(ids)
                let resolution: [String: FieldValue] = random.number(2) == 0 ? ["deleted": .bool(true)] : ["notes": .text("settled")]
                _ = try await store.resolve(id: id, resolution, author: "a")
            case 5 where !ids.isEmpty:
                // A peer's concurrent edit of a record this node holds: a conflict, or a delete undone.
                var state = try #require(try await store.state(id: random.pick(ids)))
                try state.write(
                    ["status": .text(random.pick(CoreSchema.statuses))],
                    readContext: .empty,
                    replica: "kolkata.xyz789",
                    meta: WriteMeta(author: "ravi", at: 1_800_000_000_000)
                )
                _ = try await store.merge([state], from: "kolkata.xyz789")
            default: break
            }
            #expect(try recount.kept() == recount.recounted(), "seed \(seed)")
        }
        let counts = try await store.counts()
        let recounted = try recount.recounted()
        #expect(counts.records == recounted["records:0", default: 0] && counts.deleted == recounted["records:1", default: 0])
        #expect(counts.conflicted == recounted["conflicted", default: 0])
        #expect(try recount.searchRowsOutOfStep() == 0)
        #expect(try recount.rowsUnlikeTheirStates() == 0)
    }

    @Test("the overview's kept value totals are exact up to a trillion dollars a record, and a total past 64 bits is read, not fatal")
    func overviewValueTotals() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try await fixture.add("Largest", "value_usd=1000000000000")
        _ = try await fixture.add("Small", "value_usd=0.05")
        let groups = try await store.overviewCounts(office: nil, today: "2026-12-03").groups
        let group = try #require(groups.first)
        #expect(groups.count == 1, "one office, status and track")
        #expect(group.count == 2 && group.value == 1_000_000_000_000.05)

        // An earlier release took any amount; two past 9.2e16 dollars made SQLite turn the
        // group's sum of cents into a REAL, and reading it as an integer stopped the process.
        let file = try DatabaseQueue(path: fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await file.write { db in try db.execute(sql: "UPDATE report_overview_count SET cents = 1.0124091962328885e19") }
        let overflowed = try #require(try await store.overviewCounts(office: nil, today: "2026-12-03").groups.first)
        #expect(overflowed.value == 1.0124091962328885e17)
    }

    @Test("after kill -9 of a node in the middle of seeding, the kept counts and the index match the records")
    func killedMidBatch() async throws {
        let fixture = try StoreFixture()
        let process = try ChildProcess(
            try BuiltProduct.path("liaison"),
            ["seed", "--records", "200000", "--data", fixture.directory.path],
            output: .null
        )
        // Wait until at least one batch has committed, then kill it while it writes the next.
        let deadline = Date().addingTimeInterval(120)
        while try await fixture.store.currentSequence() < 5_000 && Date() < deadline && process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
        }
        process.send(SIGKILL)
        #expect(process.wait() == .signalled(SIGKILL), "the seed was still running when killed")
        let reopened = try fixture.reopen()
        let recount = StoreRecount(directory: fixture.directory)
        let recounted = try recount.recounted()
        #expect(recounted["records:0", default: 0] >= 4_000)
        #expect(try recount.kept() == recounted)
        #expect(try await reopened.counts().records == recounted["records:0", default: 0])
        #expect(try recount.searchRowsOutOfStep() == 0)
    }
}
