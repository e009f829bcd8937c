import Foundation
import LiaisonCore
import PropertyBased
import TestProcesses
import Testing

/// docs/design.md §12: a file `RecordCSV` writes imports back (`CSVReader`, `ImportPlan`) to
/// exactly the values it was written from.
@Suite(.offThePool) struct RecordCSVRoundTripTests {
    static let id = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b"
    static let version = VersionToken(context: VersionVector(["chennai.x1y2z3": 2, "mumbai.k3f9q2": 3]))

    /// The values `values` come back as after a trip through the CSV of the core schema; the
    /// id and the version come back too.
    static func roundTrip(_ values: [String: FieldValue], id: String = id) throws -> [String: FieldValue] {
        let csv = RecordCSV(schema: .core)
        let plan = ImportPlan(
            table: try CSVReader.read(csv.header + csv.line(id: id, values: values, deleted: false, version: version)),
            schema: .core
        )
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let row = try #require(plan.rows.first)
        #expect(row.id == id)
        #expect(row.version == version.context)
        return row.values
    }

    @Test func everyAmountReadsBackTheSame() async throws {
        for amount in [0, 0.000001, .leastNonzeroMagnitude, 0.1 + 0.2, 999_999_999_999.99, FieldKind.maxMoney] {
            #expect(try Self.roundTrip(["value_usd": .number(amount)])["value_usd"] == .number(amount), "\(amount)")
        }
        await propertyCheck(count: 1_000, input: Gen.uint64()) { bits in
            let amount = Double(bitPattern: bits & ~(1 << 63))
            guard amount <= FieldKind.maxMoney else { return }
            let back = try Self.roundTrip(["value_usd": .number(amount)])
            #expect(back["value_usd"] == .number(amount), "\(amount)")
        }
    }

    @Test func aTextThatWouldRunAsAFormulaIsGuardedAndReadsBackTheSame() throws {
        let csv = RecordCSV(schema: .core)
        let values: [String: FieldValue] = [
            "title": .text("=HYPERLINK(\"http://x.example\",\"Open\")"), "notes": .text("'=kept"), "value_usd": .number(0),
        ]
        let line = csv.line(id: "-rec-1", values: values, deleted: false, version: Self.version)
        #expect(line.hasPrefix(#"'-rec-1,,"'=HYPERLINK(""http://x.example"",""Open"")","#), "\(line)")
        #expect(line.hasSuffix(",''=kept,,\(Self.version)\r\n"), "\(line)")
        let back = try Self.roundTrip(values, id: "-rec-1")
        for (field, value) in values { #expect(back[field] == value, "\(field)") }
    }

    @Test func aDeletedRecordReadsBackDeletedAndALiveOneSaysNothingOfIt() throws {
        let csv = RecordCSV(schema: .core)
        let text =
            csv.header + csv.line(id: Self.id, values: ["title": .text("Gone")], deleted: true, version: Self.version)
            + csv.line(id: "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c", values: ["title": .text("Here")], deleted: false, version: Self.version)
        let plan = ImportPlan(table: try CSVReader.read(text), schema: .core)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.rows.map { $0.values[deletedField] } == [.bool(true), nil])
    }

    @Test func everyTextReadsBackTheSame() async {
        await propertyCheck(count: 1_000, input: CSVFormulaGuardTests.pieceLists, CSVFormulaGuardTests.scalarLists) {
            pieces,
            scalars in
            let text = CSVFormulaGuardTests.text(pieces, scalars)
            let back = try Self.roundTrip(["notes": .text(text)])
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                #expect(back["notes"] == .null, "\(text.debugDescription)")
            } else {
                let scalars = back["notes"]?.textValue.map { Array($0.unicodeScalars) }
                #expect(scalars == Array(text.unicodeScalars), "\(text.debugDescription)")
            }
        }
    }
}
