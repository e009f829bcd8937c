import Foundation
import LiaisonReports
import Testing

@Suite("Document model")
struct ModelTests {
    @Test func formatsParseFromTheirNames() throws {
        #expect(try ReportFormat(parsing: "md") == .md)
        #expect(try ReportFormat(parsing: " HTML ") == .html)
        #expect(try ReportFormat(parsing: "markdown") == .md)
        #expect(ReportFormat.allCases.map(\.rawValue) == ["md", "html", "csv", "json"])
    }

    @Test func anUnknownFormatNamesTheAllowedOnes() {
        #expect(throws: ReportFormatError(given: "xlsx")) { try ReportFormat(parsing: "xlsx") }
        #expect(
            ReportFormatError(given: "xlsx").description
                == "unknown report format 'xlsx'; allowed formats: md, html, csv, json"
        )
    }

    @Test func totalsSumCountsAndMoneyButNotPercentages() {
        let table = Fixtures.full.tables[0]
        #expect(table.totals == ["Total", 19, .money(5_350_000), .empty])
    }

    @Test func columnsDeriveTheirIdFromTheTitle() {
        #expect(ReportColumn("Signed value (USD)").id == "signed_value_usd")
    }

    @Test func rowsAreFittedToTheColumns() {
        let table = ReportTable(id: "t", title: "T", columns: ["A", "B"])
        #expect(table.fitted(["x"]) == ["x", .empty])
        #expect(table.fitted(["x", 1, 2]) == ["x", 1])
    }

    @Test func theDocumentSurvivesJSON() throws {
        let json = JSONRenderer().render(Fixtures.full)
        let decoded = try JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8))
        #expect(decoded == Fixtures.full)
    }

    @Test func jsonHasSortedKeysAndRawMoney() {
        let json = ReportRenderer.render(Fixtures.full, as: .json)
        #expect(json.contains(#""kind" : "money","#))
        #expect(json.contains(#""value" : 12500000"#))
        #expect(!json.contains("$12.5M"))
        let charts = json.range(of: #""charts""#)!.lowerBound
        let title = json.range(of: #""title" : "SCCP"#)!.lowerBound
        #expect(charts < title)
    }

    @Test func anUnknownValueKindIsRejected() {
        let json = #"{"kind": "euros", "value": 3}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReportValue.self, from: Data(json.utf8)) }
    }

    @Test func theContextLineNamesPeriodFiltersAndTime() {
        #expect(
            Fixtures.full.contextLine
                == "Period: 2024-01-01 to 2024-12-31 · Office: Mumbai · Generated 2024-05-01T09:30:00Z"
        )
        #expect(ReportPeriod(from: "2024-01-01").displayText == "from 2024-01-01")
        #expect(Fixtures.full.provisionalNotice?.hasPrefix("3 records have open conflicts") == true)
        #expect(Fixtures.degenerate.provisionalNotice == nil)
    }

    @Test func funnelConversionIsFromTheStageBefore() {
        let funnel = Fixtures.full.charts[2]
        #expect(funnel.conversion(toStage: 0) == nil)
        #expect(funnel.conversion(toStage: 1) == 0.45)
        #expect(Fixtures.degenerate.charts[4].conversion(toStage: 1) == nil)
    }
}
