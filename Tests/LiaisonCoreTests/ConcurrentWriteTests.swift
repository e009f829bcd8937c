import LiaisonCore
import Testing

let mumbai = "mumbai.k3f9q2"
let chennai = "chennai.p8d2x1"
let delhi = "new-delhi.a1b2c3"
let recordID = "0190f3a2-7c1e-7000-8000-00000000abcd"

func meta(_ author: String, _ at: Int64) -> WriteMeta {
    WriteMeta(author: author, at: at)
}

/// A record created at Mumbai with a title and a status.
func createdRecord() throws -> RecordState {
    var state = RecordState(id: recordID)
    try state.write(
        ["title": .text("Lithium refinery JV"), "status": .text("identified")],
        readContext: .empty,
        replica: mumbai,
        meta: meta("asha", 1_000)
    )
    return state
}

/// docs/design.md §4, "why not plain vector clocks" and "why per field".
@Suite struct ConcurrentWriteTests {
    @Test func twoStaffAtOneNodeWritingTheSameFieldBothKeepTheirValue() throws {
        var state = try createdRecord()
        // Both load the record and are shown the same version token.
        let shown = state.version.description
        let read = try VersionToken(decoding: shown).context
        let first = try state.write(["status": .text("contacted")], readContext: read, replica: mumbai, meta: meta("asha", 2_000))
        let second = try state.write(["status": .text("in_discussion")], readContext: read, replica: mumbai, meta: meta("ravi", 2_001))

        #expect(first != second)
        #expect(Set(state.fields["status"]!.values) == [.text("contacted"), .text("in_discussion")])
        #expect(state.fields["status"]!.count == 2)
        #expect(state.isConflicted("status"))
        #expect(state.conflictedFields == ["status"])
        // The later save is shown provisionally; the earlier is not silently replaced.
        #expect(state.displayValue(of: "status") == .text("in_discussion"))
        #expect(RecordView(state).conflicts["status"]?.map(\.value) == [.text("in_discussion"), .text("contacted")])
        // Both still write `deleted = false`: no conflict there.
        #expect(!state.isConflicted(deletedField))
        #expect(state.fields[deletedField]?.count == 2)

        // Another node that receives the state shows the same conflict.
        let elsewhere = try RecordState(id: recordID).merged(with: state)
        #expect(elsewhere.conflictedFields == ["status"])
        #expect(RecordView(elsewhere).json == RecordView(state).json)
    }

    @Test func twoStaffAtOneNodeWritingDifferentFieldsBothKeepTheirValueWithNoConflict() throws {
        var state = try createdRecord()
        let read = state.context
        try state.write(["status": .text("contacted")], readContext: read, replica: mumbai, meta: meta("asha", 2_000))
        try state.write(["value_usd": .number(2_500_000)], readContext: read, replica: mumbai, meta: meta("ravi", 2_001))

        #expect(state.conflictedFields.isEmpty)
        #expect(state.displayValue(of: "status") == .text("contacted"))
        #expect(state.displayValue(of: "value_usd") == .number(2_500_000))
        #expect(state.displayValue(of: "title") == .text("Lithium refinery JV"))
        #expect(state.fields["status"]!.count == 1)
    }

    @Test func sequentialWritesReplaceWithoutConflict() throws {
        var state = try createdRecord()
        try state.write(["status": .text("contacted")], readContext: state.context, replica: mumbai, meta: meta("asha", 2_000))
        try state.write(["status": .text("in_discussion")], readContext: state.context, replica: mumbai, meta: meta("ravi", 3_000))
        #expect(state.fields["status"] == [Dot(replica: mumbai, counter: 3): .text("in_discussion")])
        #expect(state.conflictedFields.isEmpty)
    }

    @Test func concurrentEditsOfDifferentFieldsAtTwoNodesMergeWithoutConflict() throws {
        var mumbaiState = try createdRecord()
        var chennaiState = try RecordState(id: recordID).merged(with: mumbaiState)
        try mumbaiState.write(["status": .text("contacted")], readContext: mumbaiState.context, replica: mumbai, meta: meta("asha", 2_000))
        try chennaiState.write(["value_usd": .number(12.5)], readContext: chennaiState.context, replica: chennai, meta: meta("kavya", 2_000))

        let atMumbai = try mumbaiState.merged(with: chennaiState)
        let atChennai = try chennaiState.merged(with: mumbaiState)
        #expect(atMumbai.canonicalJSON == atChennai.canonicalJSON)
        #expect(atMumbai.conflictedFields.isEmpty)
        #expect(atMumbai.displayValue(of: "status") == .text("contacted"))
        #expect(atMumbai.displayValue(of: "value_usd") == .number(12.5))
    }

    @Test func concurrentEditsOfTheSameFieldAtTwoNodesConflictAndResolve() throws {
        var mumbaiState = try createdRecord()
        var chennaiState = try RecordState(id: recordID).merged(with: mumbaiState)
        try mumbaiState.write(["status": .text("contacted")], readContext: mumbaiState.context, replica: mumbai, meta: meta("asha", 2_000))
        try chennaiState.write(["status": .text("on_hold")], readContext: chennaiState.context, replica: chennai, meta: meta("kavya", 2_000))

        var atMumbai = try mumbaiState.merged(with: chennaiState)
        #expect(atMumbai.conflictedFields == ["status"])
        let conflict = RecordView(atMumbai).conflicts["status"]!
        #expect(Set(conflict.map(\.value)) == [.text("contacted"), .text("on_hold")])
        #expect(Set(conflict.map(\.replica)) == [mumbai, chennai])
        #expect(Set(conflict.map(\.author)) == ["asha", "kavya"])

        try atMumbai.resolve(["status": .text("on_hold")], replica: mumbai, meta: meta("asha", 3_000))
        #expect(atMumbai.conflictedFields.isEmpty)
        let atChennai = try chennaiState.merged(with: atMumbai)
        #expect(atChennai == atMumbai)
        #expect(atChennai.displayValue(of: "status") == .text("on_hold"))
    }

    /// docs/design.md §4: a token read at another node may name writes this node has not received;
    /// when they arrive they show as a conflict rather than being dropped.
    @Test func writeWithATokenNamingUnreceivedWritesKeepsThemAsAConflictWhenTheyArrive() throws {
        let base = try createdRecord()
        var delhiState = base
        var chennaiState = base
        // Chennai writes a status; Delhi receives it, Mumbai does not yet.
        try chennaiState.write(["status": .text("contacted")], readContext: chennaiState.context, replica: chennai, meta: meta("kavya", 2_000))
        delhiState = try delhiState.merged(with: chennaiState)
        // A client read the record at Delhi and sends its write to Mumbai with Delhi's token.
        let token = try VersionToken(decoding: delhiState.version.description)
        #expect(token.context.contains(Dot(replica: chennai, counter: 1)))
        var mumbaiState = base
        #expect(!mumbaiState.context.contains(Dot(replica: chennai, counter: 1)))
        try mumbaiState.write(["status": .text("mou_signed")], readContext: token.context, replica: mumbai, meta: meta("asha", 1_500))
        #expect(mumbaiState.displayValue(of: "status") == .text("mou_signed"))

        // Chennai's write arrives at Mumbai: both values are kept, as a conflict.
        let atMumbai = try mumbaiState.merged(with: chennaiState)
        #expect(atMumbai.conflictedFields == ["status"])
        #expect(Set(atMumbai.fields["status"]!.values) == [.text("contacted"), .text("mou_signed")])
        // And every node agrees.
        let atDelhi = try delhiState.merged(with: mumbaiState)
        #expect(atDelhi.canonicalJSON == atMumbai.canonicalJSON)
    }
}
