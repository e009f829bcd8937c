import LiaisonCore
import LiaisonReports
import Testing
import TradeMission

@Suite struct TradeMissionTests {
    static let track = "trade_mission"
    static let mission = "Clean Energy Business Development Mission"
    static func fields(_ role: String, size: String, underserved: Bool, basis: String? = nil) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [
            "trade_mission.mission": .text(mission), "trade_mission.participant_role": .text(role),
            "us_party_size": .text(size), "underserved_owned": .bool(underserved),
        ]
        if let basis { fields["value_basis"] = .text(basis) }
        return fields
    }

    static let records = [
        fixtureRecord(
            "a",
            tracks: [track],
            type: "export_success",
            status: "closed_won",
            value: 400_000,
            fields("us_exporter", size: "sme", underserved: true, basis: "client_reported")
        ),
        fixtureRecord(
            "b",
            tracks: [track],
            type: "trade_lead",
            status: "closed_won",
            value: 250_000,
            fields("us_exporter", size: "sme", underserved: false, basis: "verified")
        ),
        fixtureRecord(
            "c",
            tracks: [track],
            type: "trade_lead",
            status: "closed_won",
            value: 900_000,
            fields("us_exporter", size: "large", underserved: false, basis: "estimate")
        ),  // not verified
        fixtureRecord(
            "d",
            office: "chennai",
            tracks: [track],
            type: "trade_lead",
            status: "in_discussion",
            conflicted: true,
            fields("indian_buyer", size: "unknown", underserved: false)
        ),
        fixtureRecord(
            "e",
            office: "chennai",
            tracks: [track],
            type: "export_success",
            status: "closed_won",
            value: 120_000,
            fields("us_exporter", size: "sme", underserved: true, basis: "verified")
        ),
        fixtureRecord(
            "f",
            office: "kolkata",
            tracks: [track],
            opened: "2023-05-05",
            type: "export_success",
            value: 1_000_000,
            fields("us_exporter", size: "sme", underserved: true)
        ),
        fixtureRecord("g", tracks: ["ipef"], type: "export_success", value: 5_000_000),
    ]
    static let deleted = [fixtureDeletedState("h", track: track, value: 300_000)]
    static let since2024 = ReportPeriod(from: "2024-01-01")

    @Test func sharesParticipantsAndVerifiedSuccessesByOffice() throws {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted, period: Self.since2024)
        #expect(doc.keyFigureValue("Participants") == .count(5))  // a-e
        #expect(doc.keyFigureValue("SME share") == .percent(0.6))  // a, b, e
        #expect(doc.keyFigureValue("Underserved-owned share") == .percent(0.4))  // a, e
        #expect(doc.keyFigureValue("Verified successes") == .count(3))  // a (export success), b (verified win), e
        #expect(doc.keyFigureValue("Verified success value") == .money(770_000))
        #expect(doc.provisionalCount == 1)

        let offices = try #require(doc.reportTable("by_office"))
        #expect(offices.rows.map { $0[0] } == ["Mumbai", "Chennai"])
        #expect(offices.rowLabelled("Mumbai") == ["Mumbai", 3, 2, .percent(2.0 / 3.0), 1, .percent(1.0 / 3.0), 2, .money(650_000)])
        #expect(offices.rowLabelled("Chennai") == ["Chennai", 2, 1, .percent(0.5), 1, .percent(0.5), 1, .money(120_000)])
        #expect(offices.totals == ["Total", 5, 3, .percent(0.6), 2, .percent(0.4), 3, .money(770_000)])

        let roles = try #require(doc.reportTable("by_role"))
        #expect(roles.rowLabelled("Indian buyer") == ["Indian buyer", 1, 0, .percent(0), 0, .percent(0), 0, .money(0)])
        #expect(roles.rowLabelled("Delegation lead")?[1] == 0)
        #expect(doc.reportTable("by_mission")?.rowLabelled(Self.mission)?[1] == 5)

        let bars = try #require(doc.charts.first { $0.id == "participants_by_office" })
        #expect(bars.series[0].values == [3, 2])
        let stacked = try #require(doc.charts.first { $0.kind == .stackedBar })
        #expect(stacked.series.map(\.values) == [[2, 1], [0, 0]])
    }

    @Test func officeFilter() {
        let doc = fixtureReport(Self.track, Self.records, deleted: Self.deleted, office: "kolkata")
        #expect(doc.keyFigureValue("Participants") == .count(1))
        #expect(doc.keyFigureValue("SME share") == .percent(1))
        #expect(doc.keyFigureValue("Verified successes") == .count(1))
        #expect(doc.keyFigureValue("Verified success value") == .money(1_000_000))
        #expect(doc.provisionalCount == 0)
    }

    @Test func emptyReportHasNoShares() {
        let doc = fixtureReport(Self.track, [], office: "ahmedabad")
        #expect(doc.keyFigureValue("Participants") == .count(0))
        #expect(doc.keyFigureValue("SME share") == .empty)
    }

    @Test func roleOutsideItsAllowedSetIsRefused() throws {
        let error = try #require(throws: ValidationError.self) {
            try sampleTestSchema.check(field: "trade_mission.participant_role", value: .text("observer"))
        }
        #expect(error.description.contains("must be one of us_exporter, indian_buyer, delegation_lead, partner_agency"))
    }
}
