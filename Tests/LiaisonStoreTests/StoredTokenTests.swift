import Foundation
import GRDB
import LiaisonStore
import Testing

@Suite("Tokens stored before swift-crypto keep working")
struct StoredTokenTests {
    /// A token row as the hand-written SHA-256 of the previous release stored it (the digest
    /// checked with coreutils' `sha256sum`), written straight into the store's file.
    @Test func aTokenStoredByTheEarlierReleaseStillSignsIn() async throws {
        let fixture = try StoreFixture()
        let token = "liaison-token-made-before-swift-crypto-0123456789"
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO token (name, role, hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: ["asha", "editor", "cf3a12914c841647a11d474ccb4b8117dd0cf9d02699f60207a6bfbc0673f14a", 0]
            )
        }
        try queue.close()

        let store = try fixture.reopen()
        #expect(try await store.authenticate(token: token) == .accepted(name: "asha", role: .editor))
        #expect(try await store.authenticate(token: token + "x") == .refused)
    }
}
