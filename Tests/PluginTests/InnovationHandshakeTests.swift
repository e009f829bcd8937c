import InnovationHandshake
import LiaisonCore
import LiaisonReports
import Testing

@Suite struct InnovationHandshakeTests {
    static let track = "innovation_handshake"
    static func fields(_ area: String, _ stage: String, _ event: String, startup: String) -> [String: FieldValue] {
        [
            "innovation_handshake.technology_area": .text(area), "innovation_handshake.startup_stage": .text(stage),
            "innovation_handshake.event": .text(event), "in_party": .text(startup),
        ]
    }
    static let blr = "Innovation Handshake Bengaluru 2025"
    static let hyd = "Innovation Handshake Hyderabad Demo Day"

    static let records = [
        // Kaveri AI Labs: two records (one introduction, one deal) — one start-up.
        fixtureRecord(
            "a",
            office: "bengaluru",
            tracks: [track],
            type: "investment",
            status: "contacted",
            value: 2_000_000,
            fields("ai", "seed", blr, startup: "Kaveri AI Labs Pvt Ltd")
        ),
        fixtureRecord(
            "b",
            office: "bengaluru",
            tracks: [track],
            type: "investment",
            status: "closed_won",
            value: 3_500_000,
            fields("ai", "series_a", blr, startup: "kaveri ai labs pvt ltd ")
        ),
        fixtureRecord(
            "c",
            office: "hyderabad",
            tracks: [track],
            type: "trade_lead",
            status: "identified",
            fields("quantum", "pre_seed", hyd, startup: "Godavari Quantum Pvt Ltd")
        ),
        fixtureRecord(
            "d",
            office: "hyderabad",
            tracks: [track],
            type: "technology_partnership",
            status: "closed_won",
            value: 1_200_000,
            conflicted: true,
            fields("biotech", "seed", hyd, startup: "Nilgiri Biosciences")
        ),
        fixtureRecord(
            "e",
            office: "bengaluru",
            tracks: [track],
            type: "trade_lead",
            status: "closed_lost",
            fields("fintech", "growth", blr, startup: "Konkan Fintech Ltd")
        ),
        fixtureRecord(
            "f",
            office: "mumbai",
            tracks: [track],
            opened: "2023-11-30",
            type: "investment",
            status: "closed_won",
            value: 9_000_000,
            fields("ai", "growth", blr, startup: "Old Deal Ltd")
        ),
        fixtureRecord("g", office: "bengaluru", tracks: ["semiconductors"], status: "closed_won", value: 40_000_000),
    ]
    static let deleted = [fixtureDeletedState("h", track: track, value: 1_000_000)]
    static let since2024 = ReportPeriod(from: "2024-01-01")

    @Test func startupsIntroductionsAndDealsByTechnologyArea() throws {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted, period: Self.since2024)
        #expect(doc.keyFigureValue("Start-ups engaged") == .count(4))  // Kaveri, Godavari, Nilgiri, Konkan
        #expect(doc.keyFigureValue("Investor introductions") == .count(3))  // a, b (investment past identified), e (trade lead)
        #expect(doc.keyFigureValue("Deals") == .count(2))  // b, d
        #expect(doc.keyFigureValue("Deal value") == .money(4_700_000))
        #expect(doc.provisionalCount == 1)

        let areas = try #require(doc.reportTable("by_technology_area"))
        #expect(areas.rowLabelled("AI") == ["AI", 2, 1, 2, 1, .money(3_500_000)])
        #expect(areas.rowLabelled("Quantum") == ["Quantum", 1, 1, 0, 0, .money(0)])
        #expect(areas.rowLabelled("Biotech") == ["Biotech", 1, 1, 0, 1, .money(1_200_000)])
        #expect(areas.rowLabelled("Fintech") == ["Fintech", 1, 1, 1, 0, .money(0)])
        #expect(areas.rowLabelled("Space") == ["Space", 0, 0, 0, 0, .money(0)])
        #expect(areas.totals == ["Total", 5, 4, 3, 2, .money(4_700_000)])

        let stages = try #require(doc.reportTable("by_startup_stage"))
        #expect(stages.rowLabelled("Seed") == ["Seed", 2, 2, 1, 1, .money(1_200_000)])
        let events = try #require(doc.reportTable("by_event"))
        #expect(events.rows.map { $0[0] } == [.text(Self.blr), .text(Self.hyd)])
        #expect(events.rowLabelled(Self.blr) == [.text(Self.blr), 3, 2, 3, 1, .money(3_500_000)])

        let chart = try #require(doc.charts.first { $0.id == "deals_by_technology_area" })
        #expect(chart.kind == .bar)
        #expect(chart.series[0].values.prefix(3) == [1, 0, 1])
        let funnel = try #require(doc.charts.first { $0.kind == .funnel })
        #expect(funnel.series[0].values == [4, 3, 2])
    }

    @Test func officeFilter() {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted, office: "hyderabad")
        #expect(doc.keyFigureValue("Start-ups engaged") == .count(2))
        #expect(doc.keyFigureValue("Investor introductions") == .count(0))
        #expect(doc.keyFigureValue("Deals") == .count(1))
        #expect(doc.provisionalCount == 1)
    }

    @Test func technologyAreaOutsideItsAllowedSetIsRefused() throws {
        let error = try #require(throws: ValidationError.self) {
            try sampleTestSchema.check(field: "innovation_handshake.technology_area", value: .text("blockchain"))
        }
        #expect(
            error.description.contains(
                "must be one of ai, quantum, biotech, cleantech, space, fintech, semiconductors, other"
            )
        )
        let stage = try #require(throws: ValidationError.self) {
            try sampleTestSchema.check(field: "innovation_handshake.startup_stage", value: .text("ipo"))
        }
        #expect(stage.description.contains("pre_seed, seed, series_a, series_b_plus, growth"))
    }
}
