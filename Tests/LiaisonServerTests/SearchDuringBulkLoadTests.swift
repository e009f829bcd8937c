import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Search while a bulk load is under way says it may be incomplete")
struct SearchDuringBulkLoadTests {
    @Test func theAPIAndThePageSaySoOnlyForASearchDuringTheLoad() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let reader = node.token(.reader)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            let notice = "search finds only the records it held before"

            let before = try await node.send("GET", "/v1/records?q=lithium", token: reader)
            #expect(before.object["total_exact"] as? Bool == true && before.object["search_incomplete"] == nil)
            #expect(!(try await browser.get("/records?q=lithium").text.contains(notice)))

            let (search, list, page, none) = try await node.store.loadingInBulk(20_000, threshold: 10) { bulk in
                #expect(bulk)
                return (
                    try await node.send("GET", "/v1/records?q=lithium", token: reader),
                    try await node.send("GET", "/v1/records", token: reader),
                    try await browser.get("/records?q=lithium").text,
                    try await browser.get("/records?q=nothing+here").text
                )
            }
            #expect(search.status == 200)
            #expect(search.object["search_incomplete"] as? Bool == true)
            #expect(search.object["total_exact"] as? Bool == false, "the load's records are not counted yet")
            #expect(search.object["total"] as? Int == 1)
            #expect(list.object["search_incomplete"] == nil && list.object["total_exact"] as? Bool == true, "no search: the list is whole")
            #expect(page.contains(notice) && page.contains("/records/\(id)\""))
            #expect(none.contains(notice) && !none.contains("No records match."), "an empty page does not say nothing matches")

            let after = try await node.send("GET", "/v1/records?q=lithium", token: reader)
            #expect(after.object["search_incomplete"] == nil && after.object["total_exact"] as? Bool == true, "gone once the load ends")
            #expect(!(try await browser.get("/records?q=lithium").text.contains(notice)))
        }
    }

    /// A file carries no notice: a search's CSV during the load, from the API or the page's
    /// Download CSV, is refused (503, Retry-After) saying why and what to do, rather than given
    /// without the records still loading. A CSV without a search is whole and answers.
    @Test func aSearchsCSVIsRefusedDuringTheLoad() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let reader = node.token(.reader)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            let (api, page, whole, wholePage) = try await node.store.loadingInBulk(20_000, threshold: 10) { bulk in
                #expect(bulk)
                return (
                    try await node.send("GET", "/v1/records?q=lithium&format=csv", token: reader),
                    try await browser.get("/records.csv?q=lithium"),
                    try await node.send("GET", "/v1/records?format=csv", token: reader),
                    try await browser.get("/records.csv")
                )
            }
            for (refused, text) in [(api.status, api.error), (page.status, page.text)] {
                #expect(refused == 503, "\(text)")
                #expect(text.contains("a search finds only the records it held before") && text.contains("Try again when the load ends"), "\(text)")
            }
            #expect(api.header("retry-after") == "60" && page.header("retry-after") == "60")
            #expect(whole.status == 200 && whole.text.contains(id), "no search: the file is whole")
            #expect(wholePage.status == 200 && wholePage.text.contains(id))

            let after = try await node.send("GET", "/v1/records?q=lithium&format=csv", token: reader)
            #expect(after.status == 200 && after.text.contains(id), "answered once the load ends")
            #expect(try await browser.get("/records.csv?q=lithium").text.contains(id))
        }
    }
}
