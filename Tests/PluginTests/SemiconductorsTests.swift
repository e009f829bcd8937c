import LiaisonCore
import LiaisonReports
import Semiconductors
import Testing

@Suite struct SemiconductorsTests {
    func semi(
        _ id: String,
        _ office: String,
        _ status: String,
        _ segment: String?,
        _ value: Double,
        opened: String = "2025-01-01",
        conflicted: Bool = false
    ) -> ReportRecord {
        record(
            id,
            office: office,
            status: status,
            tracks: ["semiconductors"],
            value: value,
            opened: opened,
            conflicted: conflicted,
            segment.map { ["semiconductors.segment": .text($0)] } ?? [:]
        )
    }

    var records: [ReportRecord] {
        [
            semi("s1", "mumbai", "in_discussion", "design", 10_000_000),
            semi("s2", "mumbai", "closed_won", "fabrication", 100_000_000),
            semi("s3", "bengaluru", "closed_won", "design", 5_000_000, conflicted: true),
            semi("s4", "bengaluru", "identified", "atmp_osat", 20_000_000),
            semi("s5", "hyderabad", "closed_lost", "equipment", 3_000_000),
            semi("s6-old", "chennai", "in_discussion", "design", 2_000_000, opened: "2023-05-01"),
            record("cm", office: "mumbai", tracks: ["critical_minerals"], value: 7_000_000, opened: "2025-01-01"),
        ]
    }

    @Test func keyFigures() throws {
        let doc = try build("semiconductors", records)
        #expect(doc.figure("Records") == .count(5))
        #expect(doc.figure("Pipeline value") == .money(30_000_000))  // open records only
        #expect(doc.figure("Won value") == .money(105_000_000))
        #expect(doc.figure("Lost value") == .money(3_000_000))
        #expect(doc.provisionalCount == 1)
    }

    @Test func valueBySegmentAndStatus() throws {
        let doc = try build("semiconductors", records)
        #expect(doc.cell("value_by_segment_status", "Design", "In discussion") == .money(10_000_000))
        #expect(doc.cell("value_by_segment_status", "Design", "Closed won") == .money(5_000_000))
        #expect(doc.cell("value_by_segment_status", "Design", "Total") == .money(15_000_000))
        #expect(doc.cell("value_by_segment_status", "ATMP/OSAT", "Identified") == .money(20_000_000))
        #expect(doc.cell("value_by_segment_status", "Total", "Closed won") == .money(105_000_000))
        #expect(doc.cell("value_by_segment_status", "Total", "Total") == .money(138_000_000))
        #expect(doc.cell("by_segment", "Design", "Records") == .count(2))
        #expect(doc.cell("by_segment", "Talent", "Records") == .count(0))
        #expect(doc.table("by_segment")?.rows.count == 6)  // no "Not set" row when every record has a segment
        #expect(doc.chart("value_by_segment_status")?.kind == .stackedBar)
    }

    @Test func byOffice() throws {
        let doc = try build("semiconductors", records)
        #expect(doc.cell("by_office", "Mumbai", "Records") == .count(2))
        #expect(doc.cell("by_office", "Mumbai", "Pipeline value (USD)") == .money(10_000_000))
        #expect(doc.cell("by_office", "Mumbai", "Won value (USD)") == .money(100_000_000))
        #expect(doc.cell("by_office", "Bengaluru", "Total value (USD)") == .money(25_000_000))
        #expect(doc.cell("by_office", "Chennai", "Records") == .count(0))  // its record is before the period
        #expect(doc.cell("by_office", "Total", "Total value (USD)") == .money(138_000_000))
        let chart = try #require(doc.chart("value_by_office"))
        #expect(chart.value(series: 0, category: CoreSchema.offices.firstIndex(of: "mumbai")!) == 110_000_000)
    }

    @Test func filters() throws {
        let bengaluru = try build("semiconductors", records, office: "bengaluru")
        #expect(bengaluru.figure("Records") == .count(2))
        #expect(bengaluru.figure("Pipeline value") == .money(20_000_000))
        #expect(bengaluru.provisionalCount == 1)
        let everything = try build("semiconductors", records, from: nil)
        #expect(everything.figure("Records") == .count(6))
        #expect(everything.cell("by_office", "Chennai", "Pipeline value (USD)") == .money(2_000_000))
    }

    @Test func recordsWithoutSegmentShowAsNotSet() throws {
        let doc = try build("semiconductors", [semi("x", "mumbai", "identified", nil, 1_000)])
        #expect(doc.cell("by_segment", "Not set", "Records") == .count(1))
    }
}
