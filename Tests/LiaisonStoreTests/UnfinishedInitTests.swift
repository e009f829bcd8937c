import Foundation
import GRDB
import LiaisonCore
import LiaisonStore
import Testing

/// A store an `init` stopped before it was given its identity (a kill, a full disk): what every
/// command then says is true, as `init` finishes it.
@Suite("An unfinished init")
struct UnfinishedInitTests {
    @Test("init finishes a store that has its tables but no identity, as the error advises")
    func tablesWithoutIdentity() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-unfinished-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try LiaisonStore.initialise(directory: directory, office: "mumbai")
        try Self.dropIdentity(in: directory)

        let error = #expect(throws: StoreError.self) { try LiaisonStore(directory: directory, schema: .core) }
        #expect(error?.code == .notInitialised)
        #expect(error?.message.contains("run `liaison init --office SLUG` again") == true, "\(error?.message ?? "")")

        let identity = try LiaisonStore.initialise(directory: directory, office: "chennai")
        #expect(try LiaisonStore(directory: directory, schema: .core).identity == identity)
    }

    @Test("init finishes an empty store file (an init stopped as it made it)")
    func emptyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-unfinished-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: directory.appendingPathComponent(LiaisonStore.fileName).path, contents: nil))

        let identity = try LiaisonStore.initialise(directory: directory, office: "mumbai")
        #expect(try LiaisonStore(directory: directory, schema: .core).identity == identity)
    }

    @Test("init gives no new identity to a store that holds records, and changes nothing")
    func recordsWithoutIdentity() async throws {
        let fixture = try StoreFixture()
        let record = try await fixture.add()
        try Self.dropIdentity(in: fixture.directory)

        let error = #expect(throws: StoreError.self) { try LiaisonStore.initialise(directory: fixture.directory, office: "mumbai") }
        #expect(error?.code == .refused)
        #expect(error?.message.contains("holds records but no identity") == true, "\(error?.message ?? "")")
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        #expect(try await queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM record") } == [record.id])
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM node") } == 0)
    }

    /// Deletes the identity row of the store in `directory`, as if its `init` had stopped first.
    static func dropIdentity(in directory: URL) throws {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(LiaisonStore.fileName).path)
        defer { try? queue.close() }
        try queue.write { db in try db.execute(sql: "DELETE FROM node") }
    }
}
