import LiaisonCore
import PropertyBased
import Synchronization
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

    /// An edit made after the conflict arrived, with a read context that covers both sides,
    /// settles the fields it writes and leaves `deleted` in conflict, at every node that merges
    /// it in any order: only Keep deleted or Restore decides.
    @Test func editAfterSeeingTheConflictLeavesItOpenEverywhere() throws {
        let (mumbaiState, chennaiState) = try deleteConcurrentWithEdit(deleteAt: 2_000, editAt: 3_000)
        var atChennai = try chennaiState.merged(with: mumbaiState)
        let deleteEntries = atChennai.fields[deletedField]
        try atChennai.write(["status": .text("on_hold")], readContext: atChennai.context, replica: chennai, meta: meta("sam", 4_000))
        #expect(atChennai.fields[deletedField] == deleteEntries)
        #expect(atChennai.conflictedFields == [deletedField])
        #expect(atChennai.displayValue(of: "status") == .text("on_hold"))

        let atMumbai = try mumbaiState.merged(with: atChennai)
        let atDelhi = try RecordState(id: recordID).merged(with: atChennai).merged(with: mumbaiState).merged(with: chennaiState)
        for state in [atMumbai, atDelhi] {
            #expect(state.canonicalJSON == atChennai.canonicalJSON)
            #expect(RecordView(state).conflicts[deletedField]?.map(\.value) == [.bool(false), .bool(true)])
        }

        for (choice, deleted) in [(FieldValue.bool(true), true), (.bool(false), false)] {
            var resolved = atMumbai
            try resolved.resolve([deletedField: choice], replica: mumbai, meta: meta("asha", 5_000))
            #expect(resolved.isDeleted == deleted && resolved.conflictedFields.isEmpty)
            #expect(resolved.displayValue(of: "status") == .text("on_hold"))
            #expect(try atChennai.merged(with: resolved).canonicalJSON == resolved.canonicalJSON)
        }
        // The edit took no side: a Keep deleted made at the same time settles it, the edit kept.
        var keptMeanwhile = try mumbaiState.merged(with: chennaiState)
        try keptMeanwhile.resolve([deletedField: .bool(true)], replica: mumbai, meta: meta("asha", 5_000))
        let merged = try keptMeanwhile.merged(with: atChennai)
        #expect(merged.isDeleted && merged.conflictedFields.isEmpty)
        #expect(merged.displayValue(of: "status") == .text("on_hold"))
    }

    /// In any reachable state whose `deleted` is in conflict, an ordinary write (whatever it
    /// read) leaves that conflict as it is, and a resolution of other fields settles it as
    /// restored; where `deleted` is not in conflict, an ordinary write writes `deleted = false`.
    @Test func onlyAResolutionSettlesADeleteConflict() async throws {
        // How many snapshots had `deleted` in conflict: the rule above was checked on them.
        let conflicted = Mutex(0)
        await propertyCheck(count: 300, input: Gen.int(in: 2...7), Gen.uint64()) { replicas, seed in
            var history = try RandomHistory.make(replicas: replicas, seed: seed, steps: 4...30)
            for snapshot in history.snapshots {
                let replica = Int.random(in: 0..<replicas, using: &history.rng)
                var state = snapshot
                let values = history.randomValues()
                let read = history.randomReadContext(for: replica)
                let dot = try state.write(values, readContext: read, replica: history.replicas[replica], meta: history.randomMeta())
                if snapshot.isConflicted(deletedField) {
                    conflicted.withLock { $0 += 1 }
                    #expect(state.fields[deletedField] == snapshot.fields[deletedField])
                    var resolved = snapshot
                    try resolved.resolve(values, replica: history.replicas[replica], meta: history.randomMeta())
                    #expect(!resolved.isDeleted && !resolved.isConflicted(deletedField))
                } else {
                    #expect(state.fields[deletedField]?[dot] == .bool(false))
                }
            }
        }
        #expect(conflicted.withLock { $0 } > 100, "the histories reach delete conflicts")
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
