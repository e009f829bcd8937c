import Foundation
import GRDB
import TestProcesses
import Testing

@testable import LiaisonStore

/// A store of the release before, served by that release's `liaison serve`, is not upgraded by
/// this release's commands (`liaison status`, the nightly `liaison backup`, ...): the old node
/// would go on serving a schema it refuses to open, and its backups would be ones its own
/// restore refuses. Real `liaison` processes; the test process holds the serving claim as a
/// running `liaison serve` does.
@Suite("A store served by an older release is not upgraded under it", .offThePool)
struct UpgradeWhileServedTests {
    /// The last migration of the release before (3cf07e2): named, so that a migration added
    /// later does not silently change which release these tests upgrade from.
    static let previousRelease = "lists: a delete in conflict with an edit leaves the record listed"

    /// The migrations this release adds to ``previousRelease``'s schema, in order.
    static var newMigrations: [String] {
        let migrations = Migrations.migrator.migrations
        return Array(migrations[(migrations.firstIndex(of: previousRelease)! + 1)...])
    }

    /// A store of the release before, holding a record, in a directory of its own beside a
    /// store of today (`fixture`).
    static func earlierStore() async throws -> (fixture: StoreFixture, directory: URL) {
        let today = try StoreFixture()
        _ = try await today.add("Lithium JV")
        let directory = today.elsewhere.appendingPathComponent("old")
        try MigrationTests.makeEarlierStore(
            in: directory,
            upTo: previousRelease,
            copying: today.directory.appendingPathComponent(LiaisonStore.fileName)
        )
        return (today, directory)
    }

    @Test func commandsRefuseToUpgradeAServedStoreAndChangeNothing() async throws {
        let (today, directory) = try await Self.earlierStore()
        let before = try Self.migrations(of: directory)
        let backup = today.elsewhere.appendingPathComponent("nightly.sqlite").path
        var served: ServingClaim? = try LiaisonStore.claimForServing(directory: directory)

        for command in [["status"], ["peers"], ["record", "list"], ["report", "overview"], ["backup", "--out", backup]] {
            let run = try Self.liaison(command + ["--data", directory.path])
            #expect(run.code == 1, "liaison \(command.joined(separator: " "))")
            #expect(run.err.hasPrefix("error: \(directory.path) is served by a running `liaison serve` of an older release"), "\(run.err)")
            #expect(run.err.contains("start this release's `liaison serve`, which upgrades the store"))
            #expect(run.err.split(separator: "\n").count == 1, "one line: \(run.err)")
            #expect(run.out.isEmpty)
        }
        // A second node refuses at once, before it opens (and would upgrade) the store.
        let serve = try Self.liaison(["serve", "--port", "0", "--data", directory.path])
        #expect(serve.code == 1 && serve.err.contains("another liaison serve is already serving"), "\(serve.err)")
        #expect(try Self.migrations(of: directory) == before, "the store was not upgraded")
        #expect(!FileManager.default.fileExists(atPath: backup), "no backup of an upgraded store")

        // The old node stopped: the new release upgrades the store, and then works beside its serve.
        served = nil
        #expect(try Self.liaison(["status", "--data", directory.path]).code == 0)
        #expect(try Self.migrations(of: directory) == Migrations.migrator.migrations)
        served = try LiaisonStore.claimForServing(directory: directory)
        let list = try Self.liaison(["record", "list", "--data", directory.path])
        #expect(list.code == 0 && list.out.contains("Lithium JV"), "\(list.err)")
        #expect(try Self.liaison(["backup", "--out", backup, "--data", directory.path]).code == 0)
        withExtendedLifetime(served) {}
    }

    /// The migrations applied to the store in `directory`, in order.
    static func migrations(of directory: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// Runs the built `liaison` with `arguments`.
    static func liaison(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let run = try ChildProcess.run(try BuiltProduct.path("liaison"), arguments)
        return (run.termination.status, String(decoding: run.output, as: UTF8.self), String(decoding: run.error, as: UTF8.self))
    }
}
