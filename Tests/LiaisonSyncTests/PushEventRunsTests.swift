import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Testing

/// A record whose events do not fit one push batch goes as several, each with its state and a
/// run of its events, and the push checkpoint moves past it only once the last run was
/// acknowledged (docs/design.md §6, "A record's events over several pages").
@Suite("A push of a record whose events do not fit one batch")
struct PushEventRunsTests {
    @Test func goesInRunsAndTheCheckpointWaitsForTheLast() async throws {
        let fixture = try await SyncFixture()
        let values = try fixture.here.schema.parseAssignments(["type=investment", "title=Lithium JV", "tracks=critical_minerals"])
        let id = try await fixture.here.create(values, author: "asha").id
        for edit in 1...20 {
            let notes = "edit \(edit) " + String(repeating: "n", count: 300)
            _ = try await fixture.here.update(id: id, ["notes": .text(notes)], readContext: nil, author: "asha")
        }
        var engine = fixture.engine(batch: 500)
        engine.batchBytes = 2_048
        // Two runs are acknowledged, the third is not: the record is there, its checkpoint is not.
        fixture.peer.fail("POST", SyncProtocol.changesPath, after: 2, with: .status(503))
        await #expect(throws: SyncError.self) { try await engine.sync(with: fixture.record) }
        #expect(try await fixture.checkpoints().push == 0)
        #expect(try await Self.events(of: id, at: fixture.there).contains(where: \.reconstructed))

        fixture.peer.heal()
        let report = try await engine.sync(with: fixture.record)
        #expect(report.pushed.merged == 1, "the record counts once, not once a run")
        let sent = try await Self.events(of: id, at: fixture.here)
        #expect(sent.count == 21)
        #expect(try await Self.events(of: id, at: fixture.there) == sent)
        #expect(try await fixture.there.state(id: id) == fixture.here.state(id: id))
        #expect(try await fixture.checkpoints().push == fixture.here.currentSequence())
        #expect(fixture.peer.served("POST", SyncProtocol.changesPath) >= 6)
    }

    /// The record's events as its history holds them, oldest first.
    static func events(of id: String, at store: LiaisonStore) async throws -> [WriteEvent] {
        try await store.history(id: id)?.map(\.event).reversed() ?? []
    }
}
