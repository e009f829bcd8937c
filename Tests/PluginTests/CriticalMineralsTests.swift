import CriticalMinerals
import LiaisonCore
import LiaisonReports
import Testing

@Suite struct CriticalMineralsTests {
    /// Six records in the track and period, one before the period, one in another track.
    let records = [
        record(
            "cm1",
            office: "mumbai",
            status: "in_discussion",
            tracks: ["critical_minerals"],
            value: 9_100_000,
            opened: "2025-01-10",
            ["critical_minerals.mineral": .text("nickel"), "critical_minerals.stage": .text("extraction")]
        ),
        record(
            "cm2",
            office: "chennai",
            status: "closed_won",
            tracks: ["critical_minerals", "ipef"],
            value: 9_100_000,
            opened: "2025-02-01",
            conflicted: true,
            ["critical_minerals.mineral": .text("nickel"), "critical_minerals.stage": .text("extraction")]
        ),
        record(
            "cm3",
            office: "new-delhi",
            status: "mou_signed",
            tracks: ["critical_minerals"],
            value: 25_000_000,
            opened: "2025-03-01",
            ["critical_minerals.mineral": .text("lithium"), "critical_minerals.stage": .text("processing_refining")]
        ),
        record(
            "cm4",
            office: "kolkata",
            status: "contacted",
            tracks: ["critical_minerals"],
            value: 4_000_000,
            opened: "2025-04-01",
            ["critical_minerals.mineral": .text("rare_earths"), "critical_minerals.stage": .text("exploration")]
        ),
        record(
            "cm5-old",
            office: "mumbai",
            tracks: ["critical_minerals"],
            value: 5_000_000,
            opened: "2023-01-01",
            ["critical_minerals.mineral": .text("nickel"), "critical_minerals.stage": .text("extraction")]
        ),
        record(
            "cm6",
            office: "hyderabad",
            status: "closed_lost",
            tracks: ["critical_minerals"],
            opened: "2025-05-01",
            ["critical_minerals.mineral": .text("graphite"), "critical_minerals.stage": .text("recycling_recovery")]
        ),
        record(
            "cm7",
            office: "ahmedabad",
            status: "on_hold",
            tracks: ["critical_minerals"],
            value: 1_000_000,
            opened: "2025-05-02",
            ["critical_minerals.stage": .text("exploration")]
        ),
        record(
            "semi",
            office: "mumbai",
            status: "closed_won",
            tracks: ["semiconductors"],
            value: 50_000_000,
            opened: "2025-01-01",
            conflicted: true
        ),  // another track's conflict: not counted here
    ]

    @Test func keyFigures() throws {
        let doc = try build("critical_minerals", records)
        #expect(doc.figure("Records") == .count(6))
        #expect(doc.figure("Pipeline value") == .money(39_100_000))  // open records: not cm2 (won) nor cm6 (lost)
        #expect(doc.figure("Closed won") == .count(1))
        #expect(doc.figure("Won value") == .money(9_100_000))
        #expect(doc.figure("Minerals with activity") == .count(4))
        #expect(doc.provisionalCount == 1)
    }

    @Test func mineralStageGrid() throws {
        let doc = try build("critical_minerals", records)
        #expect(doc.cell("mineral_stage_records", "Nickel", "Extraction") == .count(2))
        #expect(doc.cell("mineral_stage_value", "Nickel", "Extraction") == .money(18_200_000))
        #expect(doc.cell("mineral_stage_value", "Lithium", "Processing & refining") == .money(25_000_000))
        #expect(doc.cell("mineral_stage_records", "Graphite", "Recycling & recovery") == .count(1))
        #expect(doc.cell("mineral_stage_records", "Cobalt", "Total") == .count(0))
        #expect(doc.cell("mineral_stage_records", "Not set", "Exploration") == .count(1))
        #expect(doc.cell("mineral_stage_records", "Total", "Exploration") == .count(2))
        #expect(doc.cell("mineral_stage_records", "Total", "Total") == .count(6))
        #expect(doc.cell("mineral_stage_value", "Total", "Total") == .money(48_200_000))
        let chart = try #require(doc.chart("value_by_mineral"))
        #expect(chart.kind == .stackedBar)
        #expect(chart.series.map(\.name) == ["Exploration", "Extraction", "Processing & refining", "Recycling & recovery"])
        #expect(chart.value(series: 1, category: 2) == 18_200_000)
    }

    @Test func statusFunnel() throws {
        let doc = try build("critical_minerals", records)
        let funnel = try #require(doc.chart("status_funnel"))
        #expect(funnel.kind == .funnel)
        #expect(funnel.series[0].values == [6, 4, 3, 2, 1])
        #expect(doc.cell("status_funnel", "Contacted", "Conversion from previous stage") == .percent(4.0 / 6))
        #expect(doc.cell("status_funnel", "Closed won", "Conversion from previous stage") == .percent(0.5))
        #expect(doc.cell("status_funnel", "Closed lost", "Records") == .count(1))
        #expect(doc.cell("status_funnel", "Closed lost", "Reached stage") == .empty)
        #expect(doc.cell("status_funnel", "Total", "Records") == .count(6))
    }

    @Test func officeFilterLeavesOutOtherOffices() throws {
        let doc = try build("critical_minerals", records, office: "mumbai")
        #expect(doc.figure("Records") == .count(1))
        #expect(doc.cell("mineral_stage_value", "Nickel", "Extraction") == .money(9_100_000))
        #expect(doc.provisionalCount == 0)
        #expect(doc.filters == [ReportFilter("Office", "Mumbai")])  // the name people know, not the slug
    }

    @Test func periodFilterLeavesOutOlderRecords() throws {
        let all = try build("critical_minerals", records, from: nil)
        #expect(all.cell("mineral_stage_records", "Nickel", "Extraction") == .count(3))
        let early = try build("critical_minerals", records, from: "2025-01-01", to: "2025-02-28")
        #expect(early.figure("Records") == .count(2))
        #expect(early.period == ReportPeriod(from: "2025-01-01", to: "2025-02-28"))
    }

    @Test func deletedAndConflictedStates() throws {
        let values: [String: FieldValue] = [
            "type": .text("investment"), "title": .text("Nickel"), "office": .text("mumbai"),
            "status": .text("identified"), "tracks": .list(["critical_minerals"]), "value_usd": .number(1_000),
            "opened_on": .text("2025-01-01"), "critical_minerals.mineral": .text("nickel"),
            "critical_minerals.stage": .text("extraction"),
        ]
        var deleted = state("gone", values)
        try deleted.delete(readContext: deleted.context, replica: "mumbai.aaaaaa", meta: WriteMeta(author: "t", at: 2))
        #expect(ReportRecord(deleted) == nil)

        var a = state("both", values, replica: "mumbai.aaaaaa")
        var b = a
        try a.write(["status": .text("contacted")], readContext: a.context, replica: "mumbai.aaaaaa", meta: .init(author: "a", at: 5))
        try b.write(["status": .text("closed_lost")], readContext: b.context, replica: "chennai.bbbbbb", meta: .init(author: "b", at: 6))
        let conflicted = try a.merged(with: b)
        let live = state("live", values)

        let reportRecords = [deleted, conflicted, live].compactMap(ReportRecord.init)
        #expect(reportRecords.map(\.id) == ["both", "live"])
        let doc = try build("critical_minerals", reportRecords)
        #expect(doc.figure("Records") == .count(2))
        #expect(doc.provisionalCount == 1)
        #expect(doc.cell("status_funnel", "Closed lost", "Records") == .count(1))  // the provisional winner
    }
}
