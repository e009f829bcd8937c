import LiaisonCore
import LiaisonReports
import SCCP
import Testing

@Suite struct SCCPTests {
    func sccp(
        _ id: String,
        _ office: String,
        opened: String,
        conflicted: Bool = false,
        _ fields: [String: FieldValue]
    ) -> ReportRecord {
        record(
            id,
            office: office,
            tracks: ["sccp"],
            opened: opened,
            conflicted: conflicted,
            fields.reduce(into: [:]) { $0["sccp.\($1.key)"] = $1.value }
        )
    }

    var records: [ReportRecord] {
        [
            sccp("w1", "mumbai", opened: "2025-02-10", ["activity": .text("workshop"), "attendance": .number(120)]),
            sccp(
                "w2",
                "chennai",
                opened: "2025-05-20",
                conflicted: true,
                ["activity": .text("workshop"), "attendance": .number(80), "counterpart": .text("BIS")]
            ),
            sccp("w3-planned", "mumbai", opened: "2025-08-01", ["activity": .text("workshop")]),
            record(
                "b1",
                office: "new-delhi",
                tracks: ["sccp"],
                opened: "2025-06-01",
                [
                    "sccp.activity": .text("conformity_barrier"), "sccp.barrier_status": .text("open"),
                    "naics": .text("334413"),
                ]
            ),
            record(
                "b2",
                office: "mumbai",
                tracks: ["sccp"],
                opened: "2024-11-01",
                [
                    "sccp.activity": .text("conformity_barrier"), "sccp.barrier_status": .text("in_progress"),
                    "naics": .text("325412"),
                ]
            ),
            record(
                "b3",
                office: "kolkata",
                tracks: ["sccp"],
                opened: "2024-03-01",
                [
                    "sccp.activity": .text("conformity_barrier"), "sccp.barrier_status": .text("resolved"),
                    "naics": .text("3345"),
                ]
            ),
            sccp("b4", "chennai", opened: "2024-01-15", ["activity": .text("conformity_barrier")]),
            record(
                "b5-old",
                office: "mumbai",
                tracks: ["sccp"],
                opened: "2023-03-01",
                ["sccp.activity": .text("conformity_barrier"), "naics": .text("541")]
            ),
            sccp("c1", "mumbai", opened: "2025-01-05", ["activity": .text("regulatory_comment")]),
            record("other", office: "mumbai", tracks: ["ipef"], opened: "2025-01-05"),
        ]
    }

    @Test func keyFigures() throws {
        let doc = try build("sccp", records)
        #expect(doc.figure("SCCP records") == .count(8))
        #expect(doc.figure("Workshops held") == .count(2))
        #expect(doc.note("Workshops held") == "1 more planned")
        #expect(doc.figure("Workshop attendance") == .count(200))
        #expect(doc.figure("Barriers open") == .count(3))
        #expect(doc.figure("Barriers resolved") == .count(1))
        #expect(doc.figure("Oldest open barrier (days)") == .count(532))
        #expect(doc.provisionalCount == 1)
    }

    @Test func workshopsByOffice() throws {
        let doc = try build("sccp", records)
        #expect(doc.cell("workshops_by_office", "Mumbai", "Workshops") == .count(1))
        #expect(doc.cell("workshops_by_office", "Mumbai", "Attendance") == .count(120))
        #expect(doc.cell("workshops_by_office", "Chennai", "Attendance") == .count(80))
        #expect(doc.cell("workshops_by_office", "Total", "Attendance") == .count(200))
    }

    @Test func barriersBySector() throws {
        let doc = try build("sccp", records)
        #expect(doc.cell("barriers_by_sector", "31–33 Manufacturing", "Open") == .count(1))
        #expect(doc.cell("barriers_by_sector", "31–33 Manufacturing", "In progress") == .count(1))
        #expect(doc.cell("barriers_by_sector", "31–33 Manufacturing", "Resolved") == .count(1))
        #expect(doc.cell("barriers_by_sector", "Sector not given", "Open") == .count(1))
        #expect(doc.cell("barriers_by_sector", "Total", "Total") == .count(4))
        #expect(doc.table("barriers_by_sector")?.rows.last?.first == .text("Sector not given"))
        #expect(doc.chart("barriers_by_sector")?.series.map(\.name) == ["Open", "In progress", "Resolved"])
    }

    @Test func openBarriersByAge() throws {
        let doc = try build("sccp", records)
        #expect(doc.cell("open_barriers_by_age", "0–90 days", "Open") == .count(1))  // b1, 29 days
        #expect(doc.cell("open_barriers_by_age", "181–365 days", "In progress") == .count(1))  // b2, 241 days
        #expect(doc.cell("open_barriers_by_age", "Over a year", "Open") == .count(1))  // b4, 532 days
        #expect(doc.cell("open_barriers_by_age", "91–180 days", "Total") == .count(0))
        #expect(doc.cell("open_barriers_by_age", "Total", "Total") == .count(3))
        #expect(doc.chart("open_barriers_by_age")?.series[0].values == [0, 1, 0, 1, 1])
    }

    @Test func aBarrierDatedAfterTodayIsNotYetOpenRatherThanYoung() throws {
        let ahead = record(
            "b5-ahead",
            office: "mumbai",
            tracks: ["sccp"],
            opened: "2025-09-15",
            ["sccp.activity": .text("conformity_barrier"), "sccp.barrier_status": .text("open")]
        )
        let doc = try build("sccp", records + [ahead])
        #expect(doc.cell("open_barriers_by_age", "Not yet open", "Open") == .count(1))
        #expect(doc.cell("open_barriers_by_age", "0–90 days", "Open") == .count(1))  // b1 alone
        #expect(doc.keyFigures.first { $0.label == "Oldest open barrier (days)" }?.value == .count(532))
    }

    @Test func filters() throws {
        let mumbai = try build("sccp", records, office: "mumbai")
        #expect(mumbai.figure("SCCP records") == .count(4))
        #expect(mumbai.figure("Workshops held") == .count(1))
        #expect(mumbai.figure("Workshop attendance") == .count(120))
        #expect(mumbai.figure("Barriers open") == .count(1))
        #expect(mumbai.provisionalCount == 0)
        let all = try build("sccp", records, office: "mumbai", from: nil)
        #expect(all.figure("Barriers open") == .count(2))
        #expect(all.cell("barriers_by_sector", "54 Professional services", "Open") == .count(1))
    }
}
