import Foundation
import LiaisonCore
import LiaisonStore

/// A store in a fresh temporary directory, removed when the fixture goes away.
final class StoreFixture: Sendable {
    let directory: URL
    /// A directory outside the data directory, for backups.
    let elsewhere: URL
    let store: LiaisonStore

    init(office: String = "mumbai") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("liaison-store-tests-\(UUID().uuidString)")
        elsewhere = directory.appendingPathExtension("elsewhere")
        try LiaisonStore.initialise(directory: directory, office: office)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        store = try LiaisonStore(directory: directory, schema: .core)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: elsewhere)
    }

    /// Opens the same files again.
    func reopen() throws -> LiaisonStore {
        try LiaisonStore(directory: directory, schema: .core)
    }

    /// Values parsed as a person types them.
    func values(_ assignments: String...) throws -> [String: FieldValue] {
        try store.schema.parseAssignments(assignments)
    }

    /// Creates a valid record with `extra` assignments.
    @discardableResult
    func add(_ title: String = "Lithium JV", _ extra: String..., author: String = "asha") async throws -> RecordState {
        let values = try store.schema.parseAssignments(
            ["type=investment", "title=\(title)", "tracks=critical_minerals"] + extra
        )
        return try await store.create(values, author: author)
    }

    /// Makes "Lithium JV" here, which `other` edits while this store deletes the same version
    /// 300 ms later; both then merge the other's state: a conflict on `deleted`, the delete
    /// the later write (docs/design.md §4). Returns the record's id.
    func editedWhileDeletedLater(at other: StoreFixture) async throws -> String {
        let made = try await add("Lithium JV")
        _ = try await other.store.merge([made], from: store.identity.replicaID)
        let edited = try await other.store.update(
            id: made.id,
            try other.values("notes=Signing moved to May"),
            readContext: made.context,
            author: "priya"
        )
        try await Task.sleep(for: .milliseconds(300))
        let deleted = try await store.delete(id: made.id, readContext: made.context, author: "ravi")
        _ = try await other.store.merge([deleted], from: store.identity.replicaID)
        _ = try await store.merge([edited], from: other.store.identity.replicaID)
        return made.id
    }

    /// Everything observable about the stored states: the sequence and the whole changes feed.
    func snapshot() async throws -> [String] {
        let page = try await store.changes(since: 0, limit: 100_000)
        return ["sequence \(try await store.currentSequence())"] + page.states.map { "\($0.sequence) \($0.json)" }
    }
}
