import Foundation
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
            #expect(table.header("content-disposition") == "attachment; filename=\"overview-office_track.csv\"")
            #expect(table.text.hasPrefix("Office,"))
            #expect(!table.text.contains("# "), "one table, not the stream of all tables")
            let missing = try await node.send("GET", "/v1/reports/overview?table=nothing", token: reader)
            #expect(missing.status == 404 && missing.error.contains("tables: key_figures, office_track"), "\(missing.text)")
            let notCSV = try await node.send("GET", "/v1/reports/overview?table=office_track&format=md", token: reader)
            #expect(notCSV.status == 400)

            let browser = try await WebBrowser.signIn(node, as: .reader)
            let page = try await browser.get("/reports/overview?office=mumbai")
            #expect(page.text.contains("/reports/overview/download?format=csv&amp;table=value_by_basis&amp;office=mumbai"))
            let download = try await browser.get("/reports/overview/download?format=csv&table=value_by_basis&office=mumbai")
            #expect(download.status == 200 && download.text.hasPrefix("Basis,Open records,Value (USD)"), "\(download.text)")
        }
    }
}
