import LiaisonCore
import LiaisonReports
import Testing

@Suite struct OverviewReportTests {
    var records: [ReportRecord] {
        [
            record(
                "r1",
                office: "mumbai",
                status: "in_discussion",
                tracks: ["critical_minerals", "semiconductors"],
                value: 10_000_000,
                opened: "2025-01-01",
                updated: "2025-06-20",
                ["value_basis": .text("estimate")]
            ),
            record("r2", office: "mumbai", tracks: ["sccp"], opened: "2024-12-01", updated: "2025-01-01"),
            record(
                "r3",
                office: "chennai",
                status: "closed_won",
                tracks: ["semiconductors"],
                value: 40_000_000,
                opened: "2024-02-01",
                updated: "2024-12-01",
                ["value_basis": .text("verified")]
            ),
            record(
                "r4",
                office: "new-delhi",
                status: "contacted",
                tracks: ["ipef", "trade_mission"],
                value: 5_000_000,
                opened: "2025-02-01",
                updated: "2025-03-01",
                conflicted: true,
                ["value_basis": .text("client_reported")]
            ),
            record(
                "r5",
                office: "bengaluru",
                status: "mou_signed",
                tracks: ["semiconductors"],
                value: 20_000_000,
                opened: "2025-03-01",
                updated: "2025-06-01",
                ["value_basis": .text("verified")]
            ),
            record(
                "r6",
                office: "kolkata",
                status: "closed_lost",
                tracks: ["energy_industry"],
                value: 2_000_000,
                opened: "2024-06-01",
                updated: "2025-05-01"
            ),
            record(
                "r7",
                office: "ahmedabad",
                status: "on_hold",
                tracks: ["strategic_trade"],
                opened: "2025-03-01",
                updated: "2025-04-01"
            ),
            record(
                "r8-old",
                office: "mumbai",
                tracks: ["critical_minerals"],
                value: 99_000_000,
                opened: "2022-01-01",
                updated: "2022-01-01"
            ),
        ]
    }

    @Test func theMarkdownSaysEachSectionTitleOnce() throws {
        let markdown = MarkdownRenderer().render(try build("overview", records))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("# ") || $0.hasPrefix("## ") }
        #expect(Set(headings).count == headings.count, "\(headings)")
        #expect(markdown.contains("## Status funnel\n") && markdown.contains("### Chart data\n"))
    }

    @Test func keyFigures() throws {
        let doc = try build("overview", records)
        #expect(doc.figure("Records") == .count(7))
        #expect(doc.figure("Pipeline value") == .money(35_000_000))  // r1, r4, r5: open records only
        #expect(doc.figure("Won value") == .money(40_000_000))
        #expect(doc.figure("Lost value") == .money(2_000_000))
        #expect(doc.figure("Verified pipeline value") == .money(20_000_000))
        #expect(doc.figure("Estimated pipeline value") == .money(15_000_000))
        #expect(doc.figure("Closed won") == .count(1))
        #expect(doc.note("Closed won") == "14.3% of identified")
        #expect(doc.figure("No activity in 90 days") == .count(2))
        #expect(doc.figure("Open conflicts") == .count(1))
        #expect(doc.provisionalCount == 1)
    }

    @Test func officeByTrack() throws {
        let doc = try build("overview", records)
        #expect(doc.cell("office_track", "Mumbai", "Critical Minerals") == .count(1))
        #expect(doc.cell("office_track", "Mumbai", "Semiconductors") == .count(1))
        #expect(doc.cell("office_track", "Mumbai", "Records") == .count(2))
        #expect(doc.cell("office_track", "New Delhi", "Trade Missions") == .count(1))
        #expect(doc.cell("office_track", "Total", "Semiconductors") == .count(3))
        #expect(doc.cell("office_track", "Total", "Records") == .count(7))
        #expect(doc.table("office_track")?.columns.count == 10)  // office, eight tracks, records
        #expect(doc.chart("records_by_office_track")?.series.count == 8)
    }

    @Test func funnelWithConversionRates() throws {
        let doc = try build("overview", records)
        #expect(doc.chart("status_funnel")?.series[0].values == [7, 4, 3, 2, 1])
        #expect(doc.cell("status_funnel", "Contacted", "Conversion from previous stage") == .percent(4.0 / 7))
        #expect(doc.cell("status_funnel", "In discussion", "Conversion from previous stage") == .percent(0.75))
        #expect(doc.cell("status_funnel", "MoU signed", "Conversion from previous stage") == .percent(2.0 / 3))
        #expect(doc.cell("status_funnel", "Identified", "Conversion from previous stage") == .empty)
        #expect(doc.cell("status_funnel", "On hold", "Records") == .count(1))
    }

    /// The total value is the rows' values added in the rows' order, the same in every run: a
    /// dictionary's order (which changes from process to process) gave 0.6 or 0.6000000000000001.
    @Test func theFunnelsTotalValueIsItsRowsAddedInOrder() throws {
        let statuses = ["identified", "contacted", "in_discussion"]
        let values = [0.1, 0.2, 0.3]
        let records = zip(statuses, values).map { record("v-\($0)", office: "mumbai", status: $0, tracks: ["ipef"], value: $1) }
        let funnel = StatusFunnel(records).table()
        #expect(funnel.totals?[2] == .money(values.reduce(0, +)))
        #expect(values.reduce(0, +) != values.reversed().reduce(0, +), "the test's values add up differently in another order")
    }

    @Test func valueByBasis() throws {
        let doc = try build("overview", records)
        #expect(doc.cell("value_by_basis", "Verified", "Open records") == .count(1))
        #expect(doc.cell("value_by_basis", "Verified", "Value (USD)") == .money(20_000_000))
        #expect(doc.cell("value_by_basis", "Client reported", "Value (USD)") == .money(5_000_000))
        #expect(doc.cell("value_by_basis", "Estimate", "Value (USD)") == .money(10_000_000))
        #expect(doc.cell("value_by_basis", "Basis not given", "Open records") == .count(2))
        #expect(doc.cell("value_by_basis", "Total", "Value (USD)") == .money(35_000_000))
    }

    @Test func staleRecordsAndConflicts() throws {
        let doc = try build("overview", records)
        // r2 (180 days) and r4 (121 days); r3 is closed, r7 is exactly 90 days.
        #expect(doc.table("stale_records")?.rows.map { $0[0] } == [.text("r2"), .text("r4")])
        #expect(doc.cell("stale_records", "r2", "Days") == .count(180))
        #expect(doc.cell("attention_by_office", "Mumbai", "No activity in 90 days") == .count(1))
        #expect(doc.cell("attention_by_office", "New Delhi", "Open conflicts") == .count(1))
        #expect(doc.cell("attention_by_office", "Total", "No activity in 90 days") == .count(2))
    }

    @Test func filters() throws {
        let mumbai = try build("overview", records, office: "mumbai")
        #expect(mumbai.figure("Records") == .count(2))
        #expect(mumbai.figure("Open conflicts") == .count(0))
        let all = try build("overview", records, office: "mumbai", from: nil)
        #expect(all.figure("Records") == .count(3))
        #expect(all.figure("No activity in 90 days") == .count(2))
    }
}
