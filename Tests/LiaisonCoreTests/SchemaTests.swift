import LiaisonCore
import Testing

/// Data entry is validated against the schema, with errors that name the field and the problem.
@Suite struct SchemaTests {
    let schema = Schema.core
    let minerals = Schema(trackFields: [
        .track("critical_minerals", "mineral", label: "Mineral", kind: .choice(["lithium", "cobalt"]))
    ])

    func parseError(_ field: String, _ text: String, in schema: Schema = .core) -> String? {
        do {
            let value = try schema.parse(field: field, text: text)
            Issue.record("\(field)=\(text) parsed as \(value)")
            return nil
        } catch {
            return error.description
        }
    }

    /// A complete, valid record at Mumbai.
    func record(_ extra: [String: FieldValue] = [:], tracks: [String] = ["sccp"]) -> RecordState {
        var values: [String: FieldValue] = [
            "title": .text("BIS certification workshop"), "type": .text("event"), "office": .text("mumbai"),
            "tracks": .list(tracks), "status": .text("identified"),
        ]
        values.merge(extra) { $1 }
        var state = RecordState(id: recordID)
        try! state.write(values, readContext: .empty, replica: mumbai, meta: meta("asha", 1_767_225_600_000))
        return state
    }

    @Test func moneyMustBeANonNegativeNumber() throws {
        #expect(parseError("value_usd", "abc") == #"value_usd: must be a number ≥ 0, got "abc""#)
        #expect(parseError("value_usd", "-5") == "value_usd: must be a number ≥ 0, got -5")
        #expect(parseError("value_usd", "1e5") != nil)
        #expect(try schema.parse(field: "value_usd", text: "2500000") == .number(2_500_000))
        #expect(try schema.parse(field: "value_usd", text: " 12.5 ") == .number(12.5))
        #expect(try schema.parse(field: "value_usd", text: "0") == .number(0))
        #expect(try schema.parse(field: "value_usd", text: "") == .null)
        // Typed as an amount is written, as an import reads it (the form refused `1,000`).
        #expect(try schema.parse(field: "value_usd", text: "1,000") == .number(1_000))
        #expect(try schema.parse(field: "value_usd", text: "$2,500,000.50") == .number(2_500_000.5))
        #expect(try schema.parse(field: "value_usd", text: "US$ 25,00,000") == .number(2_500_000))
        // No whole part is none: `$.50` is half a dollar (it was read as fifty).
        #expect(try schema.parse(field: "value_usd", text: "$.50") == .number(0.5))
        #expect(try schema.parse(field: "value_usd", text: "US$ .99") == .number(0.99))
        #expect(try schema.parse(field: "value_usd", text: "$1,000.") == .number(1_000))
        #expect(parseError("value_usd", "$.") == #"value_usd: must be a number ≥ 0, got "$.""#)
        #expect(parseError("value_usd", "1,5") == #"value_usd: must be a number ≥ 0, got "1,5""#, "a decimal comma is not a grouping")
        #expect(throws: ValidationError.self) { try schema.check(field: "value_usd", value: .number(.infinity)) }
        // At most a trillion dollars: more overflowed the overview's kept totals (a crash).
        #expect(try schema.parse(field: "value_usd", text: "1000000000000") == .number(1e12))
        #expect(parseError("value_usd", "1000000000001") == "value_usd: must be at most 1,000,000,000,000 (a trillion dollars), got 1000000000001")
        #expect(throws: ValidationError.self) { try schema.check(field: "value_usd", value: .number(1e19)) }
        #expect(throws: ValidationError.self) { try schema.check(field: "value_usd", value: .text("5")) }
    }

    /// A number no double holds (`1e400` in an API body, 400 digits typed) is refused by the
    /// rule of its field, naming what the field takes, not the range of a double.
    @Test func aNumberNoDoubleHoldsIsRefusedByItsFieldsRule() throws {
        let digits = "1" + String(repeating: "0", count: 400)
        #expect(
            parseError("value_usd", digits)
                == "value_usd: must be at most 1,000,000,000,000 (a trillion dollars), got \(digits.prefix(40))"
        )
        #expect(
            schema.outOfRange(field: "value_usd", written: "1e400").description
                == "value_usd: must be at most 1,000,000,000,000 (a trillion dollars), got 1e400"
        )
        #expect(schema.outOfRange(field: "value_usd", written: "-1e400").description == "value_usd: must be a number ≥ 0, got -1e400")
        #expect(schema.outOfRange(field: "title", written: "1e400").description == "title: must be text of at most 200 characters, got 1e400")
        #expect(schema.outOfRange(field: "colour", written: "1e400").description == "colour: unknown field")
        let attendance = Schema(trackFields: [.track("sccp", "attendance", label: "Attendance", kind: .integer(min: 0, max: 100_000))])
        #expect(
            parseError("sccp.attendance", digits, in: attendance)
                == "sccp.attendance: must be a whole number from 0 to 100000, got \(digits.prefix(40))"
        )
        #expect(
            attendance.outOfRange(field: "sccp.attendance", written: "1e400").description
                == "sccp.attendance: must be a whole number from 0 to 100000, got 1e400"
        )
    }

    @Test func unknownFieldsAreRefusedByName() {
        #expect(parseError("colour", "red") == "colour: unknown field")
        #expect(parseError("deleted", "true")?.hasPrefix("deleted: unknown field") == true)
        #expect(parseError("critical_minerals.mineral", "lithium") == "critical_minerals.mineral: unknown field")
        #expect(throws: ValidationError.self) { try schema.checkWrite(["colour": .text("red")]) }
    }

    @Test func choicesListTheAllowedValues() throws {
        let status = try #require(parseError("status", "won"))
        #expect(status == "status: must be one of " + CoreSchema.statuses.joined(separator: ", ") + #", got "won""#)
        let office = try #require(parseError("office", "pune"))
        for slug in CoreSchema.offices { #expect(office.contains(slug)) }
        let tracks = try #require(parseError("tracks", "sccp, moon_mining"))
        #expect(tracks.hasPrefix("tracks: must be a list of values from critical_minerals, "))
        #expect(tracks.hasSuffix(#"got "moon_mining""#))
        // Sets are normalised: sorted, no duplicates.
        #expect(try schema.parse(field: "tracks", text: "sccp, ipef,sccp") == .list(["ipef", "sccp"]))
        #expect(try schema.check(field: "tracks", value: .list(["sccp", "ipef", "sccp"])) == .list(["ipef", "sccp"]))
        #expect(try schema.check(field: "tracks", value: .list(["ipef", "sccp"])) == .list(["ipef", "sccp"]))
        #expect(try minerals.parse(field: "critical_minerals.mineral", text: "cobalt") == .text("cobalt"))
        #expect(
            parseError("critical_minerals.mineral", "gold", in: minerals)
                == #"critical_minerals.mineral: must be one of lithium, cobalt, got "gold""#
        )
    }

    @Test func datesMustBeRealCalendarDates() throws {
        #expect(try schema.parse(field: "opened_on", text: "2024-02-29") == .text("2024-02-29"))
        #expect(try schema.parse(field: "closed_on", text: "2000-02-29") == .text("2000-02-29"))
        #expect(try schema.parse(field: "expected_close_on", text: "2026-12-31") == .text("2026-12-31"))
        for bad in [
            "2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-01-00",
            "2026-1-01", "26-01-01", "2026/01/01", "tomorrow", "2026-+2-+9", "+202-01-01", "2026-٠١-٠١",
        ] {
            #expect(parseError("opened_on", bad) == "opened_on: must be a date YYYY-MM-DD, got \"\(bad)\"")
        }
    }

    @Test func naicsIsTwoToSixDigits() throws {
        #expect(try schema.parse(field: "naics", text: "21") == .text("21"))
        #expect(try schema.parse(field: "naics", text: "334413") == .text("334413"))
        for bad in ["2", "3344130", "33a4", "-21", "٣٣٤"] {
            #expect(parseError("naics", bad) == "naics: must be 2 to 6 digits, got \"\(bad)\"")
        }
    }

    @Test func titleIsOneToTwoHundredCharacters() throws {
        #expect(try schema.parse(field: "title", text: "X") == .text("X"))
        let longest = String(repeating: "é", count: 200)
        #expect(try schema.parse(field: "title", text: longest) == .text(longest))
        #expect(parseError("title", longest + "e") == "title: must be at most 200 characters, got 201")
        #expect(parseError("title", "") == "title: is required")
        #expect(throws: ValidationError.self) { try schema.check(field: "title", value: .text("  \n")) }
        #expect(throws: ValidationError.self) { try schema.check(field: "title", value: .text("\u{3000}\u{A0}\t")) }
        #expect(throws: ValidationError.self) { try schema.check(field: "title", value: .text("\u{200B} ")) }
        #expect(throws: ValidationError.self) { try schema.check(field: "title", value: .null) }
    }

    @Test func checkWriteReportsEveryProblemInFieldOrder() throws {
        do {
            _ = try schema.checkWrite(["value_usd": .text("abc"), "colour": .text("red"), "title": .text("ok")])
            Issue.record("accepted a bad write")
        } catch {
            #expect(error.issues.map(\.field) == ["colour", "value_usd"])
        }
        #expect(try schema.checkWrite(["tracks": .list(["sccp", "ipef"])]) == ["tracks": .list(["ipef", "sccp"])])
        #expect(throws: ValidationError.self) { try schema.checkWrite([:]) }
    }

    @Test func checkRecordRequiresTheCoreFields() throws {
        try schema.checkRecord(record())
        var state = RecordState(id: recordID)
        try state.write(["title": .text("Only a title")], readContext: .empty, replica: mumbai, meta: meta("asha", 1))
        do {
            try schema.checkRecord(state)
            Issue.record("accepted a record with only a title")
        } catch {
            #expect(Set(error.issues.map(\.field)) == ["type", "office", "tracks", "status"])
            #expect(error.issues.allSatisfy { $0.message == "is required" })
        }
        // Clearing a required field makes the record invalid.
        var cleared = record()
        try cleared.write(["status": .null], readContext: cleared.context, replica: mumbai, meta: meta("asha", 2))
        #expect(throws: ValidationError.self) { try schema.checkRecord(cleared) }
        // A deleted record is not checked.
        try state.delete(readContext: state.context, replica: mumbai, meta: meta("asha", 2))
        try schema.checkRecord(state)
    }

    @Test func trackFieldsOnlyOnRecordsInTheTrack() throws {
        try minerals.checkRecord(record(["critical_minerals.mineral": .text("lithium")], tracks: ["critical_minerals"]))
        try minerals.checkRecord(record(["critical_minerals.mineral": .text("lithium")], tracks: ["critical_minerals", "sccp"]))
        do {
            try minerals.checkRecord(record(["critical_minerals.mineral": .text("lithium")], tracks: ["sccp"]))
            Issue.record("accepted a track field on a record not in the track")
        } catch {
            #expect(
                error.description
                    == "critical_minerals.mineral: belongs to track critical_minerals, which the record is not in: keep the track, or clear the field in the same change"
            )
        }
    }

    @Test func checkStateRefusesUnknownFieldsAndWrongTypes() throws {
        try schema.checkState(record())
        try minerals.checkState(record(["critical_minerals.mineral": .text("cobalt")], tracks: ["critical_minerals"]))

        func refusal(_ values: [String: FieldValue], in schema: Schema = .core) -> String? {
            var state = RecordState(id: recordID)
            try! state.write(values, readContext: .empty, replica: mumbai, meta: meta("asha", 1_767_225_600_000))
            do {
                try schema.checkState(state)
                Issue.record("accepted \(values)")
                return nil
            } catch {
                #expect(error.recordID == recordID)
                return error.problem
            }
        }
        #expect(refusal(["colour": .text("red")]) == "colour: unknown field")
        #expect(refusal(["critical_minerals.mineral": .text("cobalt")]) == "critical_minerals.mineral: unknown field")
        #expect(refusal(["value_usd": .text("abc")]) == #"value_usd: must be a number ≥ 0, got "abc""#)
        #expect(refusal(["status": .number(3)])?.hasPrefix("status: must be one of identified") == true)
        #expect(refusal([deletedField: .text("yes")]) == "deleted must be true or false")
        #expect(refusal(["tracks": .list(["sccp", "ipef"])]) == "tracks: is not in canonical form")
        #expect(refusal(["critical_minerals.mineral": .text("gold")], in: minerals) != nil)
    }

    @Test func schemaListsCoreThenTrackFields() {
        #expect(Array(minerals.fields.prefix(5).map(\.name)) == ["type", "title", "office", "tracks", "status"])
        #expect(minerals.fields.last?.name == "critical_minerals.mineral")
        #expect(minerals.field("critical_minerals.mineral")?.track == "critical_minerals")
        #expect(Schema.core.field("critical_minerals.mineral") == nil)
        #expect(Schema.core.tracks.map(\.id) == Schema.core.tracks.map(\.id).sorted())
    }
}
