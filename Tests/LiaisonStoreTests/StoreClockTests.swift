import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// A node whose clock is wrong (a dead clock battery, a machine without NTP) must not write:
/// every peer would quarantine the write's time, and the record would split for good. Every
/// local write takes its time from the store's clock, which tests set through `now`.
@Suite("Store writes under a wrong clock")
struct StoreClockTests {
    /// 1999-12-31T12:00:00Z: half a day before the range of a write's time.
    static let beforeTheRange: Int64 = IntakeLimits.earliestAt - 43_200_000

    /// The store of `fixture`'s directory, opened again with a clock that says `clock`.
    static func store(of fixture: StoreFixture, clock: Int64) throws -> LiaisonStore {
        try LiaisonStore(directory: fixture.directory, schema: .core, now: { clock })
    }

    @Test("create, edit, delete, resolve and import are refused with the clock named, and nothing is written")
    func everyLocalWriteIsRefused() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        let before = try await fixture.snapshot()
        let historyBefore = try await fixture.store.history(id: record.id)
        let sheet = "type,title,tracks\ninvestment,Wafer fab,semiconductors\n"
        let plan = ImportPlan(table: try CSVReader.read(sheet), schema: fixture.store.schema, map: [:])
        for clock in [Self.beforeTheRange, 0, IntakeLimits.latestAt] {
            let store = try Self.store(of: fixture, clock: clock)
            let refused = ClockError(clock: clock)
            let writes: [(String, () async throws -> Void)] = [
                ("create", { _ = try await store.create(try fixture.values("type=event", "title=Clock test", "tracks=sccp"), author: "asha") }),
                ("update", { _ = try await store.update(id: record.id, try fixture.values("notes=y2k"), readContext: nil, author: "priya") }),
                ("delete", { _ = try await store.delete(id: record.id, readContext: nil, author: "ravi") }),
                ("resolve", { _ = try await store.resolve(id: record.id, try fixture.values("status=contacted"), author: "sam") }),
                ("import", { _ = try await store.importRecords(plan, hash: LiaisonStore.importHash(of: sheet), fileName: "a.csv", author: "asha") }),
            ]
            for (name, write) in writes {
                await #expect(throws: refused, "\(name) at \(Timestamp.iso(clock))") { try await write() }
            }
        }
        #expect(try await fixture.snapshot() == before)
        #expect(try await fixture.store.history(id: record.id) == historyBefore)
        #expect(
            ClockError(clock: Self.beforeTheRange).description
                == "this node's clock says 1999-12-31T12:00:00.000Z, outside 2000-01-01..2100-01-01 (the range of a write's time every office accepts): an admin must set the clock of the node's machine and keep it right (NTP, the clock battery); nothing was written"
        )
    }

    @Test("a write at either end of the range is made, with the clock's time, and merges at another office")
    func theEndsOfTheRangeWrite() async throws {
        let fixture = try StoreFixture()
        let chennai = try StoreFixture(office: "chennai")
        for clock in [IntakeLimits.earliestAt, IntakeLimits.latestAt - 1] {
            let store = try Self.store(of: fixture, clock: clock)
            let made = try await store.create(try fixture.values("type=event", "title=Clock test", "tracks=sccp"), author: "asha")
            #expect(made.writes.values.map(\.at) == [clock])
            let merged = try await chennai.store.merge([made], from: store.identity.replicaID)
            #expect(merged.quarantined.isEmpty && merged.changed == 1)
        }
    }
}
