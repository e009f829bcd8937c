import LiaisonCore
import Testing

/// Yes or no typed as text reads the same everywhere (``YesNo``): a field's value on the
/// command line, `deleted` in a resolution, a spreadsheet cell; a refusal names every spelling.
@Suite struct YesNoTests {
    let schema = Schema.core
    static let spellings: [(text: String, value: Bool)] = [
        ("true", true), ("YES", true), ("y", true), ("1", true), (" Yes ", true),
        ("false", false), ("no", false), ("N", false), ("0", false), ("FALSE", false),
    ]
    static let refusal = #"must be true or false (or yes/no, y/n, 1/0), got "maybe""#

    @Test func everyReaderTakesEverySpelling() throws {
        for (text, value) in Self.spellings {
            #expect(try schema.parse(field: "underserved_owned", text: text) == .bool(value), "\(text)")
            #expect(try schema.parseCell(field: "underserved_owned", text: text) == .bool(value), "\(text)")
            #expect(try schema.parseCell(field: deletedField, text: text) == .bool(value), "\(text)")
            #expect(try schema.parseAssignments(["\(deletedField)=\(text)"], allowingDeleted: true)[deletedField] == .bool(value), "\(text)")
        }
    }

    @Test func everyReaderRefusesOtherTextNamingTheSpellings() {
        let attempts: [(field: String, read: () throws -> Any)] = [
            ("underserved_owned", { try schema.parse(field: "underserved_owned", text: "maybe") }),
            ("underserved_owned", { try schema.parseCell(field: "underserved_owned", text: "maybe") }),
            (deletedField, { try schema.parseCell(field: deletedField, text: "maybe") }),
            (deletedField, { try schema.parseAssignments(["\(deletedField)=maybe"], allowingDeleted: true) }),
        ]
        for (field, read) in attempts {
            do {
                _ = try read()
                Issue.record("\(field)=maybe was read")
            } catch { #expect("\(error)" == "\(field): \(Self.refusal)") }
        }
    }
}
