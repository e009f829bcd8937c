import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Records as CSV: the API and the web page's Download CSV")
struct RecordCSVTests {
    /// Makes `count` records, alternating two tracks.
    static func fill(_ store: LiaisonStore, count: Int) async throws {
        for index in 0..<count {
            _ = try await store.create(
                [
                    "title": .text("Lead \(index), \"quoted\""), "type": .text("trade_lead"),
                    "tracks": .list([index % 2 == 0 ? "sccp" : "ipef"]), "value_usd": .number(Double(index)),
                ],
                author: "asha"
            )
        }
    }

    @Test func everyMatchStreamsWithTheListsFilters() async throws {
        try await withNode { node in
            try await Self.fill(node.store, count: 1_203)
            let reader = node.token(.reader)
            let all = try await node.send("GET", "/v1/records?format=csv", token: reader)
            #expect(all.status == 200)
            #expect(all.header("content-type") == "text/csv; charset=utf-8")
            let lines = all.text.components(separatedBy: "\r\n").dropLast()
            #expect(lines.first == RecordCSV(schema: node.store.schema).columns.joined(separator: ","))
            #expect(lines.count == 1_204)
            #expect(lines.dropFirst().map { $0.prefix(36) } == lines.dropFirst().map { $0.prefix(36) }.sorted())
            for line in lines.dropFirst().prefix(3) {
                let state = try #require(try await node.store.state(id: String(line.prefix(36))))
                #expect(line.hasSuffix(",\(state.version)"), "each row ends with its record's version: \(line)")
            }

            let sccp = try await node.send("GET", "/v1/records?format=csv&track=sccp", token: reader)
            #expect(sccp.text.components(separatedBy: "\r\n").dropLast().count == 603)
            let limited = try await node.send("GET", "/v1/records?format=csv&limit=10", token: reader)
            #expect(limited.text.components(separatedBy: "\r\n").dropLast().count == 11)
            let bad = try await node.send("GET", "/v1/records?format=xml", token: reader)
            #expect(bad.status == 400 && bad.error.contains("format"), "\(bad.text)")
        }
    }

    /// A cursor names a page of the JSON list: with CSV it is refused as the JSON list refuses a
    /// bad one, never answered with every record as if it were left out.
    @Test func aCursorIsRefusedNotIgnored() async throws {
        try await withNode { node in
            try await Self.fill(node.store, count: 3)
            let reader = node.token(.reader)
            let next = try #require(try await node.send("GET", "/v1/records?limit=1", token: reader).object["next"] as? String)
            for cursor in ["abc", next] {
                let json = try await node.send("GET", "/v1/records?cursor=\(cursor)", token: reader)
                let csv = try await node.send("GET", "/v1/records?format=csv&cursor=\(cursor)", token: reader)
                #expect(csv.status == 400, "\(cursor): \(csv.text.prefix(200))")
                #expect(csv.error.contains("query parameter \"cursor\" pages the JSON list"), "\(csv.text.prefix(200))")
                #expect(json.status == (cursor == "abc" ? 400 : 200))
            }
        }
    }

    @Test func theWebListDownloadsEveryMatchOfItsFilters() async throws {
        try await withNode { node in
            try await Self.fill(node.store, count: 60)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            let page = try await browser.get("/records?track=ipef&sort=title")
            #expect(page.text.contains("href=\"/records.csv?track=ipef&amp;sort=title\""), "\(page.text)")
            let csv = try await browser.get("/records.csv?track=ipef&sort=title")
            #expect(csv.status == 200)
            // For a spreadsheet: Excel reads a CSV without the mark as Windows-1252 (the API's has none).
            #expect(csv.text.hasPrefix("\u{FEFF}id,"))
            let rows = csv.text.components(separatedBy: "\r\n").dropLast().dropFirst()
            #expect(rows.count == 30)
            #expect(rows.allSatisfy { $0.contains(",ipef,") })
        }
    }
}
