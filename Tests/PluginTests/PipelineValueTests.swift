import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonReports
import Testing

/// One definition of pipeline value in every report: the value of open records.
@Suite struct PipelineValueTests {
    static let states = try! SampleData.generate(
        count: 2_000,
        seed: 11,
        replica: "mumbai.k3f9q2",
        schema: sampleTestSchema,
        today: "2026-03-01"
    )

    /// The sum of `value_usd` over live records whose status is neither closed won nor closed
    /// lost, worked out from the states themselves, not through the report code.
    static func openValue(track: String? = nil) -> Double {
        states.filter { !$0.isDeleted }.map(\.displayValues).filter { values in
            let status = values["status"]?.textValue
            return status != "closed_won" && status != "closed_lost"
                && (track == nil || values["tracks"]?.listValue?.contains(track!) == true)
        }.reduce(0) { $0 + ($1["value_usd"]?.numberValue ?? 0) }
    }

    @Test func pipelineValueIsTheValueOfOpenRecordsInEveryReport() throws {
        let records = Self.states.compactMap(ReportRecord.init)
        for (report, track) in [
            ("overview", nil), ("semiconductors", "semiconductors"),
            ("critical_minerals", "critical_minerals"), ("energy_industry", "energy_industry"),
        ] {
            let document = try #require(
                sampleTestRegistry.report(
                    report,
                    records: records,
                    office: nil,
                    period: ReportPeriod(),
                    today: "2026-03-01",
                    generatedAt: "2026-03-01T00:00:00Z"
                )
            )
            let expected = Self.openValue(track: track)
            #expect(expected > 0)
            #expect(document.keyFigureValue("Pipeline value") == .money(expected), "\(report)")
            let won = document.keyFigureValue("Won value")
            let lost = document.keyFigureValue("Lost value")
            #expect(won != nil && lost != nil, "\(report) shows won and lost value as figures of their own")
        }
    }
}

/// Reports to hand on: each chart directly under the table it draws, names not slugs.
@Suite struct ReportLayoutTests {
    @Test func everyChartFollowsItsTableInHTMLAndMarkdown() throws {
        let records = PipelineValueTests.states.compactMap(ReportRecord.init)
        for declaration in sampleTestRegistry.reports {
            let document = try #require(
                sampleTestRegistry.report(
                    declaration.id,
                    records: records,
                    office: "chennai",
                    period: ReportPeriod(),
                    today: "2026-03-01",
                    generatedAt: "2026-03-01T00:00:00Z"
                )
            )
            let (tables, alone) = document.tablesWithCharts
            #expect(alone.isEmpty, "\(declaration.id): charts without a table: \(alone.map(\.id))")
            #expect(document.contextLine.contains("Office: Chennai"), "\(document.contextLine)")
            // Markdown heads a chart that has its table's title "Chart data", not the title again.
            for (rendered, markdown) in [(HTMLRenderer().render(document), false), (MarkdownRenderer().render(document), true)] {
                var position = rendered.startIndex
                for (table, charts) in tables {
                    for title in [table.title] + charts.map({ markdown && $0.title == table.title ? "Chart data" : $0.title }) {
                        let found = try #require(
                            rendered.range(of: title, range: position..<rendered.endIndex),
                            "\(declaration.id): \(title) out of place"
                        )
                        position = found.upperBound
                    }
                }
            }
        }
    }
}
