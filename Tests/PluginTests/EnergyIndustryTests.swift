import EnergyIndustry
import LiaisonCore
import LiaisonReports
import Testing

@Suite struct EnergyIndustryTests {
    static let track = "energy_industry"
    static func pillar(_ value: String) -> [String: FieldValue] { ["energy_industry.scep_pillar": .text(value)] }

    static let records = [
        fixtureRecord("a", tracks: [track], value: 10_200_000, pillar("renewable_energy")),
        fixtureRecord("b", tracks: [track], status: "closed_won", value: 8_000_000, pillar("renewable_energy")),
        fixtureRecord(
            "c",
            office: "chennai",
            tracks: [track],
            status: "mou_signed",
            value: 5_000_000,
            conflicted: true,
            pillar("renewable_energy")
        ),
        fixtureRecord("d", tracks: [track], status: "closed_lost", value: 3_000_000, pillar("oil_gas")),
        fixtureRecord("e", tracks: [track], opened: "2023-01-01", value: 1_500_000, pillar("emerging_fuels")),
        fixtureRecord("f", office: "kolkata", tracks: [track, "ipef"], value: 2_000_000, pillar("power_efficiency")),
        fixtureRecord("g", tracks: ["ipef"], value: 50_000_000),
    ]
    static let deleted = [fixtureDeletedState("h", track: track, value: 99_000_000)]
    static let since2024 = ReportPeriod(from: "2024-01-01")

    @Test func pipelineByPillarAndOffice() throws {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted, period: Self.since2024)
        #expect(doc.id == "energy_industry")
        #expect(doc.keyFigureValue("Open records") == .count(3))  // a, c, f (b won, d lost, e too old, g other track, h deleted)
        #expect(doc.keyFigureValue("Pipeline value") == .money(17_200_000))
        #expect(doc.keyFigureValue("Won value") == .money(8_000_000))
        #expect(doc.keyFigureValue("Lost value") == .money(3_000_000))
        #expect(doc.keyFigureValue("Closed lost") == .count(1))
        #expect(doc.provisionalCount == 1)

        let pillars = try #require(doc.reportTable("by_pillar"))
        #expect(pillars.rowLabelled("Renewable energy") == ["Renewable energy", 3, 1, .money(15_200_000)])
        #expect(pillars.rowLabelled("Oil and gas") == ["Oil and gas", 1, 0, .money(0)])
        #expect(pillars.rowLabelled("Power and energy efficiency") == ["Power and energy efficiency", 1, 0, .money(2_000_000)])
        #expect(pillars.rowLabelled("Not set") == nil)
        #expect(pillars.totals == ["Total", 5, 1, .money(17_200_000)])

        let offices = try #require(doc.reportTable("by_office"))
        #expect(offices.rows.map { $0[0] } == ["Mumbai", "Chennai", "Kolkata"])
        #expect(offices.rowLabelled("Mumbai") == ["Mumbai", 1, .money(10_200_000)])

        let grid = try #require(doc.reportTable("value_by_office_pillar"))
        #expect(grid.rowLabelled("Mumbai")?[3] == .money(10_200_000))  // renewable_energy at Mumbai: a open ($10.2M), b won
        #expect(grid.rowLabelled("Chennai")?[3] == .money(5_000_000))

        let chart = try #require(doc.charts.first { $0.kind == .stackedBar })
        #expect(chart.categories == ["Mumbai", "Chennai", "Kolkata"])
        #expect(chart.series.map(\.name).contains("Renewable energy"))
        #expect(doc.charts.contains { $0.kind == .bar && $0.valueKind == .money })
    }

    @Test func officeFilterKeepsOnlyThatOffice() throws {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted, office: "mumbai", period: Self.since2024)
        #expect(doc.keyFigureValue("Open records") == .count(1))
        #expect(doc.keyFigureValue("Pipeline value") == .money(10_200_000))
        #expect(doc.provisionalCount == 0)
        #expect(doc.reportTable("by_pillar")?.rowLabelled("Renewable energy") == ["Renewable energy", 2, 1, .money(10_200_000)])
    }

    @Test func withoutPeriodTheOldRecordCounts() {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted)
        #expect(doc.keyFigureValue("Open records") == .count(4))
        #expect(doc.reportTable("by_pillar")?.rowLabelled("Emerging fuels") == ["Emerging fuels", 1, 0, .money(1_500_000)])
    }

    @Test func deletedRecordNeverReachesTheReport() {
        #expect(ReportRecord(Self.deleted[0]) == nil)
    }

    @Test func pillarOutsideItsAllowedSetIsRefused() throws {
        let error = try #require(throws: ValidationError.self) {
            try sampleTestSchema.check(field: "energy_industry.scep_pillar", value: .text("nuclear"))
        }
        #expect(
            error.description.contains(
                "must be one of oil_gas, power_efficiency, renewable_energy, sustainable_growth, emerging_fuels"
            )
        )
    }
}
