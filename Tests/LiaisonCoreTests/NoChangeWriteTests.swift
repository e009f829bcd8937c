import LiaisonCore
import Testing

/// docs/design.md §4, "A write that changes nothing": an edit or a resolution of values the
/// record already holds, seen by its writer, writes nothing; in a write that changes some
/// fields, the others are left alone.
@Suite struct NoChangeWriteTests {
    let title: FieldValue = .text("Lithium refinery JV")

    @Test func anEditOfTheValuesHeldAndSeenWritesNothing() throws {
        var state = try createdRecord()
        let before = state
        let event = try state.loggedEdit(
            ["title": title, "status": .text("identified"), "notes": .null],
            readContext: state.context,
            replica: mumbai,
            meta: meta("asha", 2_000)
        )
        #expect(event == nil)
        #expect(state == before)
    }

    @Test func anEditThatChangesOneFieldWritesOnlyThatOne() throws {
        var state = try createdRecord()
        let created = try #require(state.fields["title"])
        let event = try #require(
            try state.loggedEdit(
                ["title": title, "status": .text("contacted")],
                readContext: state.context,
                replica: mumbai,
                meta: meta("asha", 2_000)
            )
        )
        #expect(event.values == ["status": .text("contacted"), deletedField: .bool(false)])
        #expect(state.fields["title"] == created)
        #expect(state.displayValue(of: "status") == .text("contacted"))
    }

    /// Chennai changes the title while Mumbai's writer, who read the current version, saves the
    /// same title again: once they sync, Chennai's title, with no conflict.
    @Test func anUnchangedFieldTakesAConcurrentChangeFromAnotherOfficeWithNoConflict() throws {
        var atMumbai = try createdRecord()
        var atChennai = try RecordState(id: recordID).merged(with: atMumbai)
        try atChennai.write(["title": .text("Lithium JV")], readContext: atChennai.context, replica: chennai, meta: meta("kavya", 2_000))
        let event = try atMumbai.loggedEdit(["title": title], readContext: atMumbai.context, replica: mumbai, meta: meta("asha", 2_001))
        #expect(event == nil)
        let merged = try atMumbai.merged(with: atChennai)
        #expect(merged.displayValue(of: "title") == .text("Lithium JV"))
        #expect(merged.conflictedFields.isEmpty)
    }

    /// A writer who read the version before Chennai's change arrived, and saves the title it was
    /// shown then, made a concurrent write: a conflict, as always.
    @Test func aWriterWhoReadAnOldVersionStillMakesAConflict() throws {
        var atMumbai = try createdRecord()
        let read = atMumbai.context
        var atChennai = try RecordState(id: recordID).merged(with: atMumbai)
        try atChennai.write(["title": .text("Lithium JV")], readContext: atChennai.context, replica: chennai, meta: meta("kavya", 2_000))
        atMumbai = try atMumbai.merged(with: atChennai)
        let event = try atMumbai.loggedEdit(["title": title], readContext: read, replica: mumbai, meta: meta("asha", 2_001))
        #expect(event?.values["title"] == title)
        #expect(atMumbai.conflictedFields == ["title"])
    }

    /// The field holds the value the writer sends, but from a write the writer never saw: the
    /// edit is made (it is concurrent with that write), as before.
    @Test func theSameValueFromAWriteTheWriterNeverSawIsWritten() throws {
        var state = try createdRecord()
        let read = state.context
        try state.write(["status": .text("contacted")], readContext: state.context, replica: chennai, meta: meta("kavya", 2_000))
        let event = try state.loggedEdit(["status": .text("contacted")], readContext: read, replica: mumbai, meta: meta("asha", 2_001))
        #expect(event != nil)
        #expect(state.displayValue(of: "status") == .text("contacted"))
        #expect(state.conflictedFields.isEmpty)
    }

    /// A record deleted by a write its writer never saw, or in a delete conflict: the edit is
    /// made with every value it names, and shows against the delete, as before.
    @Test func anEditOfADeletedRecordItsWriterNeverSawDeletedIsWritten() throws {
        var state = try createdRecord()
        let read = state.context
        try state.delete(readContext: state.context, replica: chennai, meta: meta("kavya", 2_000))
        let edit = try #require(try state.loggedEdit(["title": title], readContext: read, replica: mumbai, meta: meta("asha", 2_001)))
        #expect(edit.values == ["title": title, deletedField: .bool(false)])
        #expect(state.conflictedFields == [deletedField])
        let again = try state.loggedEdit(["title": title], readContext: state.context, replica: mumbai, meta: meta("asha", 2_002))
        #expect(again?.values == ["title": title])
        #expect(state.conflictedFields == [deletedField])
    }

    @Test func aResolutionOfAFieldInConflictToOneOfItsValuesSettlesIt() throws {
        var state = try createdRecord()
        let read = state.context
        try state.write(["status": .text("contacted")], readContext: read, replica: mumbai, meta: meta("asha", 2_000))
        try state.write(["status": .text("on_hold")], readContext: read, replica: chennai, meta: meta("kavya", 2_001))
        let event = try #require(
            try state.loggedSettle(["status": .text("contacted"), "title": title], replica: mumbai, meta: meta("ravi", 3_000))
        )
        #expect(event.values == ["status": .text("contacted"), deletedField: .bool(false)])
        #expect(state.conflictedFields.isEmpty)
        #expect(state.displayValue(of: "status") == .text("contacted"))
    }

    @Test func aResolutionOfFieldsNotInConflictWithTheirValuesWritesNothing() throws {
        var state = try createdRecord()
        let before = state
        #expect(try state.loggedSettle(["title": title], replica: mumbai, meta: meta("ravi", 3_000)) == nil)
        #expect(try state.loggedSettle([deletedField: .bool(false)], replica: mumbai, meta: meta("ravi", 3_000)) == nil)
        #expect(state == before)
        try state.delete(readContext: state.context, replica: mumbai, meta: meta("ravi", 3_001))
        let deleted = state
        #expect(try state.loggedSettle([deletedField: .bool(true)], replica: mumbai, meta: meta("ravi", 3_002)) == nil)
        #expect(state == deleted)
        // Any other resolution restores it: a change.
        let restore = try state.loggedSettle(["title": title], replica: mumbai, meta: meta("ravi", 3_003))
        #expect(restore?.values == [deletedField: .bool(false)])
        #expect(!state.isDeleted)
    }
}
