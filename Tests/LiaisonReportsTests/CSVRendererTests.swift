import Foundation
import LiaisonReports
import Testing

@Suite("CSV")
struct CSVRendererTests {
    @Test func oneFilePerTableAfterWhatTheReportIsOfAndTheKeyFigures() {
        let names = CSVRenderer().files(Fixtures.full).map(\.name)
        #expect(names == ["about.csv", "key_figures.csv", "by_office.csv", "sectors.csv"])
    }

    /// A figure taken into a spreadsheet keeps what it is of and its caveat: the period, the
    /// filters, and that records in conflict make it provisional, as the Markdown says.
    @Test func theAboutTableCarriesThePeriodFiltersAndProvisionalMark() throws {
        let about = try CSVParser.parse(try #require(CSVRenderer().table(CSVRenderer.aboutID, of: Fixtures.full)))
        #expect(
            about == [
                ["item", "value"],
                ["report", "SCCP <script>alert(\"x\")</script> & partners"],
                ["period", "2024-01-01 to 2024-12-31"],
                ["office", "Mumbai"],
                ["generated", "2024-05-01T09:30:00Z"],
                ["records in conflict", "3"],
                ["provisional", "3 records have open conflicts; figures that include them are provisional."],
                ["note", "Figures <em>exclude</em> withdrawn records & drafts."],
            ]
        )
        let settled = try CSVParser.parse(try #require(CSVRenderer().table("about", of: Fixtures.degenerate)))
        #expect(settled == [["item", "value"], ["report", "Nothing yet"], ["generated", "2024-05-01T09:30:00Z"], ["records in conflict", "0"]])
    }

    @Test func tablesParseBackWithNumbersRoundedAsShownAndTheJSONTotals() throws {
        let json = JSONRenderer().render(Fixtures.full)
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8))
        let files = CSVRenderer().files(Fixtures.full)
        for table in document.tables {
            let csv = try #require(files.first { $0.name == "\(table.id).csv" }?.csv)
            let records = try CSVParser.parse(csv)
            #expect(records.first == table.columns.map(\.title))
            #expect(records.allSatisfy { $0.count == table.columns.count })
            #expect(records.count == 1 + table.rows.count + 1)
            let totals = try #require(table.totals)
            #expect(records.last == totals.map(\.csv))
        }
        let byOffice = try CSVParser.parse(files[2].csv)
        #expect(byOffice[1] == ["Mumbai, \"HQ\"", "12", "4500000", "60.0"])
        #expect(byOffice[2][0] == "Chennai\nSouth")
        #expect(byOffice[4] == ["Total", "19", "5350000", ""])
    }

    @Test func keyFiguresAreTheirOwnTable() throws {
        let csv = try #require(CSVRenderer().table(CSVRenderer.keyFiguresID, of: Fixtures.full))
        #expect(
            try CSVParser.parse(csv) == [
                ["label", "value", "kind", "note"],
                ["Partnerships", "1234567", "count", ""],
                ["Signed value", "12500000", "money", "up from $9M"],
                ["Win rate", "42.5", "percent", ""],
            ]
        )
    }

    @Test func theStreamHasOneSectionPerTable() throws {
        let stream = ReportRenderer.render(Fixtures.full, as: .csv)
        let sections = stream.components(separatedBy: "\r\n\r\n")
        #expect(sections.count == 4)
        #expect(sections.map { $0.prefix { $0 != "\r\n" } } == ["# about", "# key_figures", "# by_office", "# sectors"])
        let lone = CSVRenderer().files(Fixtures.full)[3].csv
        #expect(stream.hasSuffix("# sectors\r\n" + lone))
    }

    /// A record's text that a spreadsheet would run as a formula opens as text; numbers, even
    /// negative ones, stay numbers.
    @Test func textsThatWouldRunAsFormulasAreMarked() throws {
        let table = ReportTable(
            id: "t",
            title: "T",
            columns: ["=Officer"],
            rows: [[.text("=HYPERLINK(\"http://x\",\"Open\")")], [.text("@SUM(A1)")], [.number(-5)], [.text("Asha - Mumbai")]]
        )
        let doc = ReportDocument(id: "d", title: "D", tables: [table])
        let csv = try CSVParser.parse(try #require(CSVRenderer().table("t", of: doc)))
        #expect(csv.map { $0[0] } == ["'=Officer", "'=HYPERLINK(\"http://x\",\"Open\")", "'@SUM(A1)", "-5", "Asha - Mumbai"])
    }

    /// A plugin's table named like the tables made here is not hidden behind them: it is given
    /// the next free id, the same in the files, the stream, the list of tables and one table alone.
    @Test func aPluginTableNamedAboutOrKeyFiguresKeepsATableOfItsOwn() throws {
        let about = ReportTable(id: "about", title: "About the partners", columns: ["Partner"], rows: [[.text("Tata")]])
        let figures = ReportTable(id: "key_figures", title: "Their figures", columns: ["Figure"], rows: [[.number(7)]])
        let doc = ReportDocument(id: "d", title: "D", keyFigures: [KeyFigure("Deals", .count(2))], tables: [about, figures])
        let renderer = CSVRenderer()
        let ids = ["about", "key_figures", "about-2", "key_figures-2"]
        #expect(renderer.tableIDs(doc) == ids)
        #expect(renderer.tableTitles(doc).map(\.title) == ["About this report", "Key figures", "About the partners", "Their figures"])
        #expect(renderer.files(doc).map(\.name) == ids.map { $0 + ".csv" })
        #expect(try CSVParser.parse(try #require(renderer.table("about-2", of: doc))) == [["Partner"], ["Tata"]])
        #expect(try CSVParser.parse(try #require(renderer.table("key_figures-2", of: doc))) == [["Figure"], ["7"]])
        #expect(try CSVParser.parse(try #require(renderer.table("about", of: doc))).first == ["item", "value"])
        #expect(renderer.render(doc).contains("# about-2\r\nPartner\r\nTata\r\n"))
    }

    @Test func fileNamesAreSafeAndUnique() {
        let table = ReportTable(id: "../etc/passwd", title: "x", columns: ["A"])
        let doc = ReportDocument(id: "d", title: "D", tables: [table, table])
        #expect(CSVRenderer().files(doc).map(\.name) == ["about.csv", "___etc_passwd.csv", "___etc_passwd-2.csv"])
    }
}

@Suite("CSV figures rounded as shown")
struct CSVRoundingTests {
    @Test func moneyInWholeDollarsAndPercentagesToOneDecimal() {
        #expect(ReportValue.money(310.49).csv == "310")
        #expect(ReportValue.money(2_500_000.5).csv == "2500001")
        #expect(ReportValue.percent(0.7003367).csv == "70.0")
        #expect(ReportValue.percent(0.425).csv == "42.5")
        #expect(ReportValue.percent(1).csv == "100.0")
        #expect(ReportValue.number(1.23456).csv == "1.23")
        #expect(ReportValue.count(1_234).csv == "1234")
        #expect(ReportValue.money(.nan).csv == ReportValue.money(.nan).raw)
    }
}
