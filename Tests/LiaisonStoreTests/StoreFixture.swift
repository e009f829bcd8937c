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

    /// Everything observable about the stored states: the sequence and the whole changes feed.
    func snapshot() async throws -> [String] {
        let page = try await store.changes(since: 0, limit: 100_000)
        return ["sequence \(try await store.currentSequence())"] + page.states.map { "\($0.sequence) \($0.json)" }
    }
}
