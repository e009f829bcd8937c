import LiaisonCore
import LiaisonStore
import Testing

/// One source cannot fill the disk with quarantined states (docs/design.md §9).
@Suite struct StoreQuarantineBoundTests {
    /// Past ``IntakeLimits/maxQuarantinedPerSource`` entries, a source's refused states are still
    /// refused, counted and named, but not kept; good states beside them merge, other sources
    /// keep their room, and dropping entries makes room again.
    @Test func aSourceKeepsAtMostItsShareOfTheQuarantine() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let states = StoreMergeTests()
        let bound = IntakeLimits.maxQuarantinedPerSource
        func bad() throws -> RecordState { try states.foreignState(states.goodFields.merging(["value_usd": .text("lots")]) { $1 }) }
        let first = try (0..<bound).map { _ in try bad() }
        #expect(try await store.merge(first, origin: BatchOrigin("peer hostile")).quarantined.count == bound)

        let good = try states.foreignState(states.goodFields)
        let more = [try bad(), good, try bad()]
        let summary = try await store.merge(more, origin: BatchOrigin("peer hostile"), checkpoint: ("hostile.abc123", .pull, 7))
        #expect(summary.merged == 1 && summary.changed == 1)
        #expect(summary.quarantined.count == 2)
        #expect(summary.quarantined.allSatisfy { $0.problem.hasSuffix("(not kept: peer hostile fills the quarantine; drop entries to keep more)") })
        #expect(try await store.checkpoint(peer: "hostile.abc123", direction: .pull) == 7)
        #expect(try await store.quarantinedCount() == bound)

        // A kept state sent again still counts; another source keeps its own room.
        _ = try await store.merge([first[0]], origin: BatchOrigin("peer hostile"))
        #expect(try await store.quarantine(limit: 10_000).entries.first { $0.recordID == first[0].id }?.times == 2)
        let other = try await store.merge([try bad()], origin: BatchOrigin("bundle x.json"))
        #expect(other.quarantined.first?.problem.contains("not kept") == false)
        #expect(try await store.quarantinedCount() == bound + 1)

        _ = try await store.dropAllQuarantined()
        #expect(try await store.merge([more[0]], origin: BatchOrigin("peer hostile")).quarantined.first?.problem.contains("not kept") == false)
        #expect(try await store.quarantinedCount() == 1)
    }
}
