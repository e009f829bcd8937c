import LiaisonCore
import Testing

/// docs/design.md §4, deletion: a delete concurrent with an edit is a conflict on `deleted`,
/// shown, never silently decided, and resolvable either way.
@Suite struct DeleteTests {
    /// Mumbai deletes while Chennai edits, both from the same version; returns both states
    /// before they sync.
    func deleteConcurrentWithEdit(deleteAt: Int64, editAt: Int64) throws -> (mumbai: RecordState, chennai: RecordState) {
        var mumbaiState = try createdRecord()
        var chennaiState = try RecordState(id: recordID).merged(with: mumbaiState)
        try mumbaiState.delete(readContext: mumbaiState.context, replica: mumbai, meta: meta("asha", deleteAt))
        try chennaiState.write(
            ["status": .text("contacted")],
            readContext: chennaiState.context,
            replica: chennai,
            meta: meta("kavya", editAt)
        )
        return (mumbaiState, chennaiState)
    }

    @Test func deleteWithoutConcurrentEditIsSettled() throws {
        var state = try createdRecord()
        try state.delete(readContext: state.context, replica: mumbai, meta: meta("asha", 2_000))
        #expect(state.isDeleted)
        #expect(state.conflictedFields.isEmpty)
        #expect(RecordView(state).deleted)
        #expect(RecordView(state).conflicts.isEmpty)
    }

    /// Whichever came last, the record stays visible (not deleted) until the conflict is resolved.
    @Test(arguments: [(Int64(3_000), Int64(2_000)), (Int64(2_000), Int64(3_000))])
    func editConcurrentWithDeleteIsAConflictShownTheSameEverywhere(deleteAt: Int64, editAt: Int64) throws {
        let (mumbaiState, chennaiState) = try deleteConcurrentWithEdit(deleteAt: deleteAt, editAt: editAt)
        let atMumbai = try mumbaiState.merged(with: chennaiState)
        let atChennai = try chennaiState.merged(with: mumbaiState)
        #expect(atMumbai.canonicalJSON == atChennai.canonicalJSON)

        #expect(atMumbai.isConflicted(deletedField))
        #expect(atMumbai.conflictedFields == [deletedField])
        let view = RecordView(atMumbai)
        // The record shows as not deleted, even when the delete came last; both values are listed.
        #expect(!view.deleted && !atMumbai.isDeleted && !atMumbai.displaySummary.deleted)
        #expect(view.conflicts[deletedField]?.map(\.value) == [.bool(false), .bool(true)])
        #expect(view.isConflicted)
        // The record's data is still there, edit included, whichever way it is shown.
        #expect(view.fields["title"] == .text("Lithium refinery JV"))
        #expect(view.fields["status"] == .text("contacted"))
        #expect(view.json == RecordView(atChennai).json)
    }

    @Test func resolvingTheConflictAsDeletedSettlesEverywhere() throws {
        let (mumbaiState, chennaiState) = try deleteConcurrentWithEdit(deleteAt: 2_000, editAt: 3_000)
        var atChennai = try chennaiState.merged(with: mumbaiState)
        #expect(!atChennai.isDeleted)
        try atChennai.resolve([deletedField: .bool(true)], replica: chennai, meta: meta("kavya", 4_000))
        #expect(atChennai.isDeleted)
        #expect(atChennai.conflictedFields.isEmpty)

        let atMumbai = try mumbaiState.merged(with: atChennai)
        let atDelhi = try RecordState(id: recordID).merged(with: chennaiState).merged(with: atChennai)
        for state in [atMumbai, atDelhi] {
            #expect(state.canonicalJSON == atChennai.canonicalJSON)
            #expect(state.isDeleted)
            #expect(RecordView(state).conflicts.isEmpty)
        }
    }

    @Test func resolvingTheConflictWithAnEditKeepsTheRecordEverywhere() throws {
        let (mumbaiState, chennaiState) = try deleteConcurrentWithEdit(deleteAt: 3_000, editAt: 2_000)
        var atMumbai = try mumbaiState.merged(with: chennaiState)
        #expect(atMumbai.isConflicted(deletedField))
        try atMumbai.resolve(["status": .text("on_hold")], replica: mumbai, meta: meta("asha", 4_000))
        #expect(!atMumbai.isDeleted)
        #expect(atMumbai.conflictedFields.isEmpty)
        #expect(atMumbai.displayValue(of: "status") == .text("on_hold"))

        let atChennai = try chennaiState.merged(with: atMumbai)
        #expect(atChennai.canonicalJSON == atMumbai.canonicalJSON)
        #expect(!RecordView(atChennai).deleted)
        #expect(RecordView(atChennai).conflicts.isEmpty)
    }

    @Test func resolvingTheConflictAsNotDeletedKeepsTheRecord() throws {
        let (mumbaiState, chennaiState) = try deleteConcurrentWithEdit(deleteAt: 3_000, editAt: 2_000)
        var atDelhi = try RecordState(id: recordID).merged(with: mumbaiState).merged(with: chennaiState)
        try atDelhi.resolve([deletedField: .bool(false)], replica: delhi, meta: meta("priya", 4_000))
        #expect(!atDelhi.isDeleted)
        #expect(atDelhi.conflictedFields.isEmpty)
        #expect(atDelhi.displayValue(of: "status") == .text("contacted"))
        #expect(try mumbaiState.merged(with: atDelhi).canonicalJSON == atDelhi.canonicalJSON)
        #expect(try atDelhi.merged(with: chennaiState) == atDelhi)
    }

    /// An edit that read the delete brings the record back, with no conflict.
    @Test func editAfterSeeingTheDeleteRestoresTheRecord() throws {
        var state = try createdRecord()
        try state.delete(readContext: state.context, replica: mumbai, meta: meta("asha", 2_000))
        try state.write(["status": .text("on_hold")], readContext: state.context, replica: mumbai, meta: meta("asha", 3_000))
        #expect(!state.isDeleted)
        #expect(state.conflictedFields.isEmpty)
    }
}
