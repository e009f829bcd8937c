import LiaisonCore
import Testing

/// The record as users and clients see it (RecordView JSON).
@Suite struct RecordViewTests {
    @Test func settledRecordHasEmptyConflicts() throws {
        var state = RecordState(id: "r1")
        try state.write(
            ["title": .text("T"), "value_usd": .number(2_500_000), "notes": .null],
            readContext: .empty,
            replica: mumbai,
            meta: meta("asha", 0)
        )
        let view = RecordView(state)
        #expect(!view.isConflicted)
        // Cleared fields and `deleted` are not among the fields.
        #expect(view.json == #"{"conflicts":{},"deleted":false,"fields":{"title":"T","value_usd":2500000},"id":"r1","version":"\#(state.version)"}"#)
    }

    @Test func conflictsListEveryValueDisplayedFirst() throws {
        let base = try createdRecord()
        let writers: [(String, String, Int64, String)] = [
            (mumbai, "asha", 5_000, "contacted"), (chennai, "kavya", 7_000, "on_hold"), (delhi, "priya", 6_000, "mou_signed"),
        ]
        var merged = base
        for (replica, author, at, status) in writers {
            var state = base
            try state.write(["status": .text(status)], readContext: base.context, replica: replica, meta: meta(author, at))
            merged = try merged.merged(with: state)
        }
        let view = RecordView(merged)
        let conflict = try #require(view.conflicts["status"])
        #expect(conflict.map(\.value) == [.text("on_hold"), .text("mou_signed"), .text("contacted")])
        #expect(conflict.first?.value == view.fields["status"])
        #expect(conflict.map(\.replica) == [chennai, delhi, mumbai])
        #expect(conflict.map(\.author) == ["kavya", "priya", "asha"])
        #expect(conflict.first?.at == "1970-01-01T00:00:07.000Z")
        #expect(Array(view.conflicts.keys) == ["status"])
        #expect(
            view.json.contains(
                #""conflicts":{"status":[{"at":"1970-01-01T00:00:07.000Z","author":"kavya","replica":"chennai.p8d2x1","time_out_of_range":true,"value":"on_hold"},"#
            )
        )
    }

    @Test func theSameValueFromTwoWritersIsNoConflict() throws {
        let base = try createdRecord()
        var a = base
        var b = base
        try a.write(["status": .text("contacted")], readContext: base.context, replica: mumbai, meta: meta("asha", 5))
        try b.write(["status": .text("contacted")], readContext: base.context, replica: chennai, meta: meta("kavya", 6))
        let view = RecordView(try a.merged(with: b))
        #expect(view.conflicts.isEmpty)
        #expect(view.fields["status"] == .text("contacted"))
    }

    /// Nothing node-local: nodes that saw the same writes, in any order, through any path,
    /// show byte-identical views.
    @Test func viewIsTheSameOnEveryNode() throws {
        var history = try RandomHistory.make(replicas: 5, seed: 42, steps: 30...30)
        try history.gossipUntilStable()
        #expect(Set(history.states.map { RecordView($0).json }).count == 1)

        let base = try createdRecord()
        var a = base
        var b = base
        try a.write(["status": .text("contacted")], readContext: base.context, replica: mumbai, meta: meta("asha", 5))
        try b.write(["value_usd": .number(1)], readContext: base.context, replica: chennai, meta: meta("kavya", 6))
        let viaMumbai = try RecordState(id: recordID).merged(with: a).merged(with: b)
        let viaChennai = try b.merged(with: base).merged(with: a)
        #expect(RecordView(viaMumbai).json == RecordView(viaChennai).json)
        #expect(RecordView(viaMumbai) == RecordView(viaChennai))
    }

    @Test func versionIsTheWholeContext() throws {
        let base = try createdRecord()
        var state = try RecordState(id: recordID).merged(with: base)
        try state.write(["status": .text("contacted")], readContext: state.context, replica: chennai, meta: meta("kavya", 5))
        let view = RecordView(state)
        #expect(try VersionToken(decoding: view.version.description).context == VersionVector([mumbai: 1, chennai: 1]))
        #expect(view.id == recordID)
    }
}
