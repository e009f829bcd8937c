import LiaisonCore
import LiaisonReports
import StrategicTrade
import Testing

@Suite struct StrategicTradeTests {
    func item(
        _ id: String,
        _ office: String,
        _ status: String,
        _ item: String,
        _ domain: String,
        opened: String,
        value: Double? = nil,
        conflicted: Bool = false
    ) -> ReportRecord {
        record(
            id,
            office: office,
            status: status,
            tracks: ["strategic_trade"],
            value: value,
            opened: opened,
            conflicted: conflicted,
            ["strategic_trade.item": .text(item), "strategic_trade.domain": .text(domain)]
        )
    }

    var records: [ReportRecord] {
        [
            item("o1", "mumbai", "closed_won", "outreach_workshop", "semiconductors", opened: "2025-01-10"),
            item("o2", "new-delhi", "closed_won", "outreach_workshop", "space", opened: "2025-03-01"),
            item(
                "o3",
                "new-delhi",
                "in_discussion",
                "outreach_workshop",
                "semiconductors",
                opened: "2025-04-01",
                conflicted: true
            ),
            item("q1", "new-delhi", "contacted", "licensing_query", "quantum", opened: "2025-06-10"),
            item("q2", "bengaluru", "on_hold", "licensing_query", "ai", opened: "2024-10-01"),
            item("q3", "bengaluru", "closed_won", "licensing_query", "ai", opened: "2024-05-01"),
            item("q4-old", "mumbai", "identified", "licensing_query", "defence", opened: "2023-01-01"),
            item("c1", "hyderabad", "mou_signed", "co_development", "space", opened: "2025-02-01", value: 12_500_000),
        ]
    }

    @Test func keyFigures() throws {
        let doc = try build("strategic_trade", records)
        #expect(doc.figure("Records") == .count(7))
        #expect(doc.figure("Outreach workshops") == .count(3))
        #expect(doc.figure("Open licensing queries") == .count(2))
        #expect(doc.note("Open licensing queries") == "of 3 in all")
        #expect(doc.figure("Oldest open query (days)") == .count(272))
        #expect(doc.figure("Co-development projects") == .count(1))
        #expect(doc.figure("Co-development value") == .money(12_500_000))
        #expect(doc.provisionalCount == 1)
    }

    @Test func byDomain() throws {
        let doc = try build("strategic_trade", records)
        #expect(doc.cell("by_domain", "Semiconductors", "Outreach workshops") == .count(2))
        #expect(doc.cell("by_domain", "Space", "Co-development") == .count(1))
        #expect(doc.cell("by_domain", "Space", "Value (USD)") == .money(12_500_000))
        #expect(doc.cell("by_domain", "AI", "Licensing queries") == .count(2))
        #expect(doc.cell("by_domain", "AI", "Open queries") == .count(1))
        #expect(doc.cell("by_domain", "Defence", "Licensing queries") == .count(0))  // before the period
        #expect(doc.cell("by_domain", "Total", "Open queries") == .count(2))
        #expect(doc.cell("outreach_by_office", "New Delhi", "Outreach workshops") == .count(2))
        #expect(doc.cell("outreach_by_office", "Total", "Outreach workshops") == .count(3))
        #expect(doc.chart("items_by_domain")?.kind == .stackedBar)
    }

    @Test func openQueriesByAge() throws {
        let doc = try build("strategic_trade", records)
        #expect(doc.cell("open_queries_by_age", "0–90 days", "Quantum") == .count(1))
        #expect(doc.cell("open_queries_by_age", "181–365 days", "AI") == .count(1))
        #expect(doc.cell("open_queries_by_age", "Total", "Total") == .count(2))
        #expect(doc.chart("open_queries_by_age")?.series[0].values == [0, 1, 0, 1, 0])
        #expect(doc.cell("open_queries_by_age", "Total", "Not set") == nil, "no column for a domain no query lacks")
    }

    /// A query without a domain has a column of its own, so each row's cells add up to its total.
    @Test func openQueriesWithoutADomainHaveAColumn() throws {
        let noDomain = record(
            "q5",
            office: "mumbai",
            status: "contacted",
            tracks: ["strategic_trade"],
            opened: "2025-06-10",
            ["strategic_trade.item": .text("licensing_query")]
        )
        let doc = try build("strategic_trade", records + [noDomain])
        #expect(doc.cell("open_queries_by_age", "0–90 days", "Not set") == .count(1))
        #expect(doc.cell("open_queries_by_age", "0–90 days", "Total") == .count(2))
        let table = try #require(doc.table("open_queries_by_age"))
        #expect(table.columns.suffix(2).map(\.title) == ["Not set", "Total"])
    }

    @Test func filters() throws {
        let delhi = try build("strategic_trade", records, office: "new-delhi")
        #expect(delhi.figure("Outreach workshops") == .count(2))
        #expect(delhi.figure("Open licensing queries") == .count(1))
        #expect(delhi.provisionalCount == 1)
        let all = try build("strategic_trade", records, from: nil)
        #expect(all.figure("Open licensing queries") == .count(3))
        #expect(all.figure("Oldest open query (days)") == .count(ReportDays.between("2023-01-01", and: today)!))
    }
}
