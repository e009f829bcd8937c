import Foundation
import LiaisonStore
import LiaisonSync
import TestProcesses
import Testing

/// A sync whose own store is held by another process (a `liaison import` or `merge` on the data
/// directory) past its wait fails in words a person reads, not SQLite's.
@Suite("A sync while this node's store is busy")
struct SyncBusyStoreTests {
    @Test func failsSayingTheStoreIsBusy() async throws {
        let fixture = try await SyncFixture(writeWait: 1)
        try await fixture.add(3, at: fixture.there)
        let file = fixture.directory.appendingPathComponent("here").appendingPathComponent(LiaisonStore.fileName)
        let other = try await HeldStoreLock.take(path: file.path)

        let failure = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        try await other.release()

        #expect(
            failure?.description.hasPrefix("chennai: not synced, the store is busy: it was held for over") == true,
            "\(String(describing: failure))"
        )
        #expect(try await fixture.ids(fixture.here).isEmpty, "nothing merged")
        try await fixture.engine().sync(with: fixture.record)
        #expect(try await fixture.ids(fixture.here).count == 3, "the next sync takes them")
    }
}
