import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Local record writes committed in groups (docs/design.md §5, "Group commit").
@Suite("Store writes from many callers at once")
struct StoreGroupCommitTests {
    @Test("concurrent creates and edits all land, each with its own sequence; a failing write fails alone")
    func concurrentWrites() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let first = try await fixture.add("Shared record")
        enum Outcome: Sendable {
            case created(RecordState)
            case edited(RecordState)
            case refused(String)
        }
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for index in 0..<200 {
                group.addTask {
                    switch index % 10 {
                    case 3:
                        // Fails inside the shared transaction: there is no such record.
                        do {
                            _ = try await store.update(
                                id: "mumbai.missing\(index)",
                                try fixture.values("status=contacted"),
                                readContext: nil,
                                author: "ravi"
                            )
                            return .refused("an edit of a missing record was acknowledged")
                        } catch let error as StoreError {
                            return .refused(error.code == .notFound ? "" : "\(error)")
                        }
                    case 7:
                        return .edited(
                            try await store.update(
                                id: first.id,
                                try fixture.values("notes=Edit \(index)"),
                                readContext: nil,
                                author: "ravi"
                            )
                        )
                    default:
                        return .created(try await fixture.add("Record \(index)"))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let created = outcomes.compactMap { if case .created(let state) = $0 { state } else { nil } }
        let edited = outcomes.compactMap { if case .edited(let state) = $0 { state } else { nil } }
        let problems = outcomes.compactMap { if case .refused(let problem) = $0, !problem.isEmpty { problem } else { nil } }
        #expect(problems.isEmpty, "\(problems)")
        #expect(created.count == 160 && edited.count == 20)

        // Every acknowledged write is stored as acknowledged, also after reopening the files.
        let reopened = try fixture.reopen()
        for state in created { #expect(try await reopened.state(id: state.id) == state) }
        // One local sequence per write: 1 for the first record, then 180.
        #expect(try await reopened.currentSequence() == 181)
        // The edits of the shared record went one after another: each saw the one before.
        let shared = try #require(try await reopened.state(id: first.id))
        #expect(shared.conflictedFields.isEmpty)
        #expect(try await reopened.history(id: first.id)?.count == 21)
        // The search index took each created record with its group's other changes, and
        // nothing of the writes that failed.
        let found = try await reopened.page(RecordQuery(text: "record")).states.map(\.id)
        #expect(Set(found) == Set(created.map(\.id) + [first.id]))
        #expect(try StoreRecount(directory: fixture.directory).searchRowsOutOfStep() == 0)
    }
}
