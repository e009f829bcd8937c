import Foundation
import GRDB
import LiaisonCore
import Testing

@testable import LiaisonStore

/// How the store's writer is set up: what it promises of a commit (docs/design.md §5, "Durability").
@Suite("The store's writer")
struct StoreConnectionTests {
    /// `PRAGMA name` on the store's writer.
    static func writerPragma(_ store: LiaisonStore, _ name: String) async throws -> Int {
        try await store.database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA \(name)")! }
    }

    @Test("syncs the WAL at every commit (FULL), not only at checkpoints as the pool's default would")
    func commitsAreSynced() async throws {
        let fixture = try StoreFixture()
        #expect(try await Self.writerPragma(fixture.store, "synchronous") == 2)
        #expect(try await Self.writerPragma(fixture.reopen(), "synchronous") == 2)
    }
}
