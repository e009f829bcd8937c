import IPEF
import LiaisonCore
import LiaisonReports
import Testing

@Suite struct IPEFTests {
    static func pillar(_ value: String) -> [String: FieldValue] { ["ipef.pillar": .text(value)] }

    static let records = [
        fixtureRecord("a", tracks: ["ipef"], value: 4_000_000, pillar("supply_chains")),
        fixtureRecord(
            "b",
            office: "new-delhi",
            tracks: ["ipef"],
            status: "closed_won",
            value: 2_500_000,
            pillar("supply_chains")
        ),
        fixtureRecord("c", tracks: ["ipef", "sccp"], status: "closed_lost", value: 1_000_000, pillar("clean_economy")),
        fixtureRecord(
            "d",
            office: "ahmedabad",
            tracks: ["ipef"],
            status: "closed_won",
            value: 750_000,
            conflicted: true,
            pillar("trade")
        ),
        fixtureRecord("e", tracks: ["ipef"], type: "mou_action_item"),  // no pillar, no value
        fixtureRecord("f", tracks: ["ipef"], opened: "2026-02-15", value: 9_000_000, pillar("fair_economy")),
        fixtureRecord("g", tracks: ["semiconductors"], value: 70_000_000),
    ]
    static let deleted = [fixtureDeletedState("h", track: "ipef", value: 5_000_000)]
    static let until2025 = ReportPeriod(to: "2025-12-31")

    @Test func countsAndValueByPillar() throws {
        let doc = fixtureReport("ipef", Self.records, deleted: Self.deleted, period: Self.until2025)
        #expect(doc.keyFigureValue("Records") == .count(5))  // a-e; f after the period, g other track, h deleted
        #expect(doc.keyFigureValue("Total value") == .money(8_250_000))
        #expect(doc.keyFigureValue("Closed won") == .count(2))
        #expect(doc.keyFigureValue("Won value") == .money(3_250_000))
        #expect(doc.provisionalCount == 1)

        let table = try #require(doc.reportTable("by_pillar"))
        #expect(table.rows.map { $0[0] } == ["Supply chains", "Clean economy", "Fair economy", "Trade", "Not set"])
        #expect(table.rowLabelled("Supply chains") == ["Supply chains", 2, 1, 1, .money(6_500_000), .money(2_500_000)])
        #expect(table.rowLabelled("Clean economy") == ["Clean economy", 1, 0, 0, .money(1_000_000), .money(0)])
        #expect(table.rowLabelled("Fair economy") == ["Fair economy", 0, 0, 0, .money(0), .money(0)])
        #expect(table.rowLabelled("Trade") == ["Trade", 1, 0, 1, .money(750_000), .money(750_000)])
        #expect(table.rowLabelled("Not set") == ["Not set", 1, 1, 0, .money(0), .money(0)])
        #expect(table.totals == ["Total", 5, 2, 2, .money(8_250_000), .money(3_250_000)])

        let chart = try #require(doc.charts.first { $0.id == "value_by_pillar" })
        #expect(chart.series[0].values == [6_500_000, 1_000_000, 0, 750_000, 0])
    }

    @Test func officeFilter() {
        let doc = fixtureReport("ipef", Self.records, deleted: Self.deleted, office: "mumbai")
        #expect(doc.keyFigureValue("Records") == .count(4))  // a, c, e, f
        #expect(doc.keyFigureValue("Total value") == .money(14_000_000))
        #expect(doc.provisionalCount == 0)
    }

    @Test func pillarOutsideItsAllowedSetIsRefused() throws {
        let error = try #require(throws: ValidationError.self) {
            try sampleTestSchema.check(field: "ipef.pillar", value: .text("digital"))
        }
        #expect(error.description.contains("must be one of supply_chains, clean_economy, fair_economy, trade"))
    }

    @Test func fieldOfATrackTheRecordIsNotInIsRefused() throws {
        var state = RecordState(id: "x")
        try! state.write(
            [
                "type": .text("investment"), "title": .text("X"), "office": .text("mumbai"),
                "tracks": .list(["sccp"]), "status": .text("identified"), "ipef.pillar": .text("trade"),
            ],
            readContext: .empty,
            replica: "mumbai.test01",
            meta: WriteMeta(author: "t", at: 1)
        )
        let error = try #require(throws: ValidationError.self) { try sampleTestSchema.checkRecord(state) }
        #expect(error.description.contains("ipef.pillar: belongs to track ipef"))
    }
}
