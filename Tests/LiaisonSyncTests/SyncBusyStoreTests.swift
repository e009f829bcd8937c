import Foundation
import GRDB
import LiaisonStore
import LiaisonSync
import Testing

/// A sync whose own store is held by another process (a `liaison import` or `merge` on the data
/// directory) past its wait fails in words a person reads, not SQLite's.
@Suite("A sync while this node's store is busy")
struct SyncBusyStoreTests {
    @Test func failsSayingTheStoreIsBusy() async throws {
        let fixture = try await SyncFixture(writeWait: 1)
        try await fixture.add(3, at: fixture.there)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the lock outlives one access, as another process's would
        let file = fixture.directory.appendingPathComponent("here").appendingPathComponent(LiaisonStore.fileName)
        let other = try DatabaseQueue(path: file.path, configuration: holding)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }

        let failure = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }

        #expect(
            failure?.description.hasPrefix("chennai: not synced, the store is busy: it was held for over") == true,
            "\(String(describing: failure))"
        )
        #expect(try await fixture.ids(fixture.here).isEmpty, "nothing merged")
        try await fixture.engine().sync(with: fixture.record)
        #expect(try await fixture.ids(fixture.here).count == 3, "the next sync takes them")
    }
}
