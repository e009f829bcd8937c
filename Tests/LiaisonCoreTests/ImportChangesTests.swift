import LiaisonCore
import Testing

/// What an imported row with an exported version writes (`RecordState.importChanges`): the cells
/// changed in the file, against that version, never a value written since.
@Suite struct ImportChangesTests {
    static let meta = WriteMeta(author: "asha", at: 1_780_000_000_000)

    /// A record written at Mumbai, exported (the version returned), then written at Chennai.
    static func exportedThenChanged() throws -> (state: RecordState, events: [WriteEvent], exported: VersionVector) {
        var state = RecordState(id: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b")
        var events = [
            try state.loggedWrite(
                ["title": .text("Pune plant"), "status": .text("identified")],
                readContext: .empty,
                replica: "mumbai.aaa111",
                meta: meta
            )
        ]
        let exported = state.context
        events.append(
            try state.loggedWrite(["status": .text("mou_signed")], readContext: state.context, replica: "chennai.bbb222", meta: meta)
        )
        return (state, events, exported)
    }

    @Test func onlyCellsChangedInTheFileAreWrittenAgainstTheExportedVersion() throws {
        let (state, events, exported) = try Self.exportedThenChanged()
        let row: [String: FieldValue] = ["title": .text("Pune Plant"), "status": .text("identified")]
        let (values, read) = state.importChanges(row, exportedAt: exported) { events }
        #expect(values == ["title": .text("Pune Plant")], "status was left as exported: Chennai's stays")
        #expect(read == exported)

        let changed = state.importChanges(["status": .text("contacted")], exportedAt: exported) { events }
        var after = state
        try after.write(changed.values, readContext: changed.readContext, replica: "mumbai.aaa111", meta: Self.meta)
        #expect(Set(after.entries(of: "status").map(\.value)) == [.text("mou_signed"), .text("contacted")])
    }

    @Test func withoutTheWritesOfTheVersionAChangedCellIsWrittenSoAConflictShows() throws {
        let (state, events, exported) = try Self.exportedThenChanged()
        // The log lacks Mumbai's first write (a store older than the log): the status as
        // exported is unknown, so the cell is written, against the exported version.
        let (values, read) = state.importChanges(["status": .text("identified")], exportedAt: exported) { Array(events.dropFirst()) }
        #expect(values == ["status": .text("identified")] && read == exported)
        var after = state
        try after.write(values, readContext: read, replica: "mumbai.aaa111", meta: Self.meta)
        #expect(after.isConflicted("status"), "Chennai's mou_signed is kept beside it")
    }

    @Test func withoutAVersionCellsThatDifferFromTheRecordAreWrittenAgainstItsCurrentVersion() throws {
        let (state, events, _) = try Self.exportedThenChanged()
        let (values, read) = state.importChanges(["title": .text("Pune plant"), "status": .text("closed_won")], exportedAt: nil) {
            events
        }
        #expect(values == ["status": .text("closed_won")] && read == state.context)
    }
}
