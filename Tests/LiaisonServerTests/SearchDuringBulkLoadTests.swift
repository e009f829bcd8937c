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
}
