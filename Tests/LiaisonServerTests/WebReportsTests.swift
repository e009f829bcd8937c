import Foundation
import LiaisonStore
import Testing

@Suite("Web: reports in the page and through the API")
struct WebReportsTests {
    @Test func reportPagesShowChartsAndDownload() async throws {
        try await withNode { node in
            _ = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            let list = try await browser.get("/reports")
            #expect(list.text.contains("/reports/critical_minerals"))
            let page = try await browser.get("/reports/critical_minerals?office=mumbai&from=2020-01-01")
            #expect(page.status == 200)
            #expect(page.text.contains("<article class=\"liaison-report\">"))
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("/reports/critical_minerals/download?format=csv&amp;office=mumbai&amp;from=2020-01-01"))
            let bad = try await browser.get("/reports/overview?office=atlantis")
            #expect(bad.status == 400)
            #expect(bad.text.contains("unknown office"))
            let csv = try await browser.get("/reports/overview/download?format=csv")
            #expect(csv.status == 200)
            #expect(csv.header("content-type")?.hasPrefix("text/csv") == true)
            #expect(csv.header("content-disposition") == "attachment; filename=\"overview.csv\"")
            #expect(csv.text.hasPrefix("\u{FEFF}"), "a spreadsheet's mark, so that Excel reads it as UTF-8")
            let md = try await browser.get("/reports/overview/download?format=md&office=mumbai")
            #expect(md.header("content-type")?.hasPrefix("text/markdown") == true)
            #expect(md.text.hasPrefix("#"))
            // A format the download does not make is the request's mistake, named, not the node's.
            let xlsx = try await browser.get("/reports/overview/download?format=xlsx")
            #expect(xlsx.status == 400)
            #expect(xlsx.text.contains("unknown report format &#39;xlsx&#39;; allowed formats: md, html, csv, json"))
            // One table is CSV, as through the API: with another format it is refused, not the whole report.
            let tableAsHTML = try await browser.get("/reports/overview/download?format=html&table=office_track")
            #expect(tableAsHTML.status == 400)
            #expect(tableAsHTML.text.contains("gives one table as CSV"))
            // A bad date names the parameter as it is in the address, not the command's flag.
            let badDate = try await browser.get("/reports/overview/download?format=csv&from=someday")
            #expect(badDate.status == 400)
            #expect(badDate.text.contains("from must be a date YYYY-MM-DD"))
            #expect(!badDate.text.contains("--from"))
        }
    }

    @Test func reportAPI() async throws {
        try await withNode { node in
            _ = try await makeRecord(node)
            let reader = node.token(.reader)
            let list = try await node.send("GET", "/v1/reports", token: reader)
            #expect(list.status == 200)
            let reports = try #require(list.object["reports"] as? [[String: Any]])
            #expect(reports.first?["id"] as? String == "overview")
            let json = try await node.send("GET", "/v1/reports/critical_minerals", token: reader)
            #expect(json.status == 200)
            #expect(json.header("content-type")?.hasPrefix("application/json") == true)
            let html = try await node.send(
                "GET",
                "/v1/reports/critical_minerals?format=html&office=mumbai&from=2020-01-01&to=2099-12-31",
                token: reader
            )
            #expect(html.text.contains("<svg"))
            #expect(
                try await node.send("GET", "/v1/reports/overview?format=csv", token: reader).header("content-type")?.hasPrefix("text/csv") == true
            )
            #expect(try await node.send("GET", "/v1/reports/nope", token: reader).status == 404)
            #expect(try await node.send("GET", "/v1/reports/overview?format=xlsx", token: reader).status == 400)
            #expect(try await node.send("GET", "/v1/reports/overview?office=atlantis", token: reader).status == 400)
            #expect(try await node.send("GET", "/v1/reports/overview?from=2026-13-01", token: reader).status == 400)
            #expect(try await node.send("GET", "/v1/reports/overview?color=red", token: reader).status == 400)
            #expect(try await node.send("GET", "/v1/reports").status == 401)
            #expect(try await node.send("GET", "/v1/reports", token: node.token(.peer)).status == 403)
        }
    }
}
