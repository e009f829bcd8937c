import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Reports: one CSV per table when asked")
struct ReportTableCSVTests {
    @Test func oneTableThroughTheAPIAndThePage() async throws {
        try await withNode { node in
            _ = try await makeRecord(node)
            let reader = node.token(.reader)
            let table = try await node.send("GET", "/v1/reports/overview?table=office_track&office=mumbai", token: reader)
            #expect(table.status == 200)
            #expect(table.header("content-disposition") == "attachment; filename=\"overview-mumbai-office_track.csv\"")
            #expect(table.text.hasPrefix("Office,"))
            #expect(!table.text.contains("# "), "one table, not the stream of all tables")
            let missing = try await node.send("GET", "/v1/reports/overview?table=nothing", token: reader)
            #expect(missing.status == 404 && missing.error.contains("tables: about, key_figures, office_track"), "\(missing.text)")
            let notCSV = try await node.send("GET", "/v1/reports/overview?table=office_track&format=md", token: reader)
            #expect(notCSV.status == 400)

            let browser = try await WebBrowser.signIn(node, as: .reader)
            let page = try await browser.get("/reports/overview?office=mumbai")
            #expect(page.text.contains("/reports/overview/download?format=csv&amp;table=value_by_basis&amp;office=mumbai"))
            let download = try await browser.get("/reports/overview/download?format=csv&table=value_by_basis&office=mumbai")
            #expect(download.status == 200 && download.text.hasPrefix("\u{FEFF}Basis,Open records,Value (USD)"), "\(download.text)")
            #expect(page.text.contains("table=about&amp;office=mumbai\" download>About this report</a>"))
        }
    }

    /// A report over a record in conflict says its figures are provisional in every CSV it
    /// gives: the whole report's `about` table (API, page download, and as one table), and the
    /// name of each file, which is all one table alone has room for.
    @Test func aReportOverARecordInConflictSaysProvisionalInItsCSV() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let reader = node.token(.reader)
            let settled = try await node.send("GET", "/v1/reports/critical_minerals?format=csv", token: reader)
            #expect(settled.text.hasPrefix("# about\r\nitem,value\r\nreport,"), "\(settled.text)")
            #expect(settled.text.contains("records in conflict,0\r\n") && !settled.text.contains("provisional"))

            let state = try #require(try await node.store.state(id: id))
            for (author, value) in [("a", 1.0), ("b", 2.0)] {
                _ = try await node.store.update(id: id, ["value_usd": .number(value)], readContext: state.context, author: author)
            }
            let notice = "1 record has open conflicts; figures that include it are provisional."
            let whole = try await node.send("GET", "/v1/reports/critical_minerals?format=csv&office=mumbai", token: reader)
            #expect(whole.text.contains("records in conflict,1\r\nprovisional,\"\(notice)\"\r\n"), "\(whole.text)")
            #expect(whole.text.contains("office,Mumbai\r\n"))
            let about = try await node.send("GET", "/v1/reports/critical_minerals?table=about", token: reader)
            #expect(about.header("content-disposition") == "attachment; filename=\"critical_minerals-about-provisional.csv\"")
            #expect(about.text.hasPrefix("item,value\r\n") && about.text.contains(notice))

            let browser = try await WebBrowser.signIn(node, as: .reader)
            let download = try await browser.get("/reports/critical_minerals/download?format=csv&office=mumbai&from=2020-01-01")
            #expect(download.header("content-disposition") == "attachment; filename=\"critical_minerals-mumbai-2020-01-01-provisional.csv\"")
            #expect(download.text.contains(notice) && download.text.contains("period,from 2020-01-01"), "\(download.text)")
            let table = try await browser.get("/reports/critical_minerals/download?format=csv&table=key_figures&office=mumbai")
            #expect(table.header("content-disposition") == "attachment; filename=\"critical_minerals-mumbai-key_figures-provisional.csv\"")
            #expect(table.text.hasPrefix("\u{FEFF}label,value,kind,note\r\n"), "the page's download starts with a spreadsheet's mark")
        }
    }
}
