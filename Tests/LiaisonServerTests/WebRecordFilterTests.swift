import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Web: the record list's filters, checked as the API checks them")
struct WebRecordFilterTests {
    /// A live record in Mumbai and a deleted one.
    private func liveAndDeleted(_ node: TestNode) async throws -> (live: String, deleted: String) {
        let live = try await node.store.create(
            ["title": .text("Lithium refining JV"), "type": .text("joint_venture"), "office": .text("mumbai"), "tracks": .list(["ipef"])],
            author: "priya"
        )
        let gone = try await node.store.create(
            ["title": .text("Old solar MoU"), "type": .text("investment"), "tracks": .list(["ipef"])],
            author: "priya"
        )
        _ = try await node.store.delete(id: gone.id, readContext: nil, author: "priya")
        return (live.id, gone.id)
    }

    @Test func aValueTheListDoesNotKnowIsRefusedByNameOnThePageAndInTheDownload() async throws {
        try await withNode { node in
            let (live, _) = try await liveAndDeleted(node)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            for (query, parameter, value) in [
                ("office=Mumbai", "office", "Mumbai"), ("office=paris", "office", "paris"), ("status=bogus", "status", "bogus"),
                ("track=nope", "track", "nope"), ("deleted=maybe", "deleted", "maybe"), ("conflicted=perhaps", "conflicted", "perhaps"),
                ("sort=colour", "sort", "colour"),
            ] {
                let page = try await browser.get("/records?\(query)")
                #expect(page.status == 400, "\(query)")
                #expect(page.text.contains("the filter \(parameter) ") && page.text.contains("&quot;\(value)&quot;"), "\(query): \(page.text)")
                #expect(page.text.contains("href=\"/records\""), "a way back to the whole list")
                #expect(!page.text.contains("/records/\(live)"), "\(query): no record is listed")

                let download = try await browser.get("/records.csv?\(query)")
                #expect(download.status == 400, "\(query)")
                #expect(download.header("content-type")?.hasPrefix("text/plain") == true, "\(query)")
                #expect(download.text.contains("the filter \(parameter) ") && download.text.contains("\"\(value)\""), "\(query): \(download.text)")
                #expect(!download.text.contains("Lithium"), "\(query)")
            }
        }
    }

    @Test func whatTheAPIAcceptsAndWhatTheFormsSendList() async throws {
        try await withNode { node in
            let (live, deleted) = try await liveAndDeleted(node)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            for spelling in ["1", "true", "yes", "Y"] {
                let page = try await browser.get("/records?deleted=\(spelling)")
                #expect(page.status == 200, "deleted=\(spelling)")
                #expect(page.text.contains("/records/\(deleted)\"") && !page.text.contains("/records/\(live)\""), "deleted=\(spelling)")
                let download = try await browser.get("/records.csv?deleted=\(spelling)")
                #expect(download.status == 200 && download.text.contains("Old solar MoU") && !download.text.contains("Lithium"))
            }
            let notDeleted = try await browser.get("/records?deleted=false&conflicted=no")
            #expect(notDeleted.status == 200 && notDeleted.text.contains("/records/\(live)\""))
            // The filter form as a browser sends it with every box left at "All ...".
            let form = try await browser.get("/records?q=&office=&track=&status=&sort=updated")
            #expect(form.status == 200 && form.text.contains("/records/\(live)\""))
            let mumbai = try await browser.get("/records?office=mumbai&sort=title")
            #expect(mumbai.status == 200 && mumbai.text.contains("/records/\(live)\""))
            let delhi = try await browser.get("/records.csv?office=kolkata")
            #expect(delhi.status == 200 && !delhi.text.contains("Lithium"))
        }
    }

    @Test func aLongSearchIsCutToItsFirstWordsAndThePageSaysSo() async throws {
        try await withNode { node in
            let (live, _) = try await liveAndDeleted(node)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            // Ten words, the first eight in the record; the ninth is not.
            let pasted = "lithium refining jv lith ref j li r nowhere else"
            let page = try await browser.get("/records?q=\(WebBrowser.encode(pasted))")
            #expect(page.status == 200)
            #expect(page.text.contains("Searched for the first 8 words: “lithium refining jv lith ref j li r”"), "\(page.text)")
            #expect(page.text.contains("/records/\(live)\""), "the first 8 words match it")
            #expect(page.text.contains("value=\"lithium refining jv lith ref j li r\""), "the search box shows what was searched")
            #expect(page.text.contains("href=\"/records.csv?q=lithium%20refining%20jv%20lith%20ref%20j%20li%20r\""), "so does the download")
            let eight = try await browser.get("/records?q=lithium+refining")
            #expect(!eight.text.contains("Searched for the first"))

            let download = try await browser.get("/records.csv?q=\(WebBrowser.encode(pasted))")
            #expect(download.status == 400 && download.header("content-type")?.hasPrefix("text/plain") == true)
            #expect(download.text.contains("at most 8 words; this one has 10"), "\(download.text)")
        }
    }

    @Test func aSearchWithNoWordsListsEveryRecordAndSaysThereWasNothingToSearchFor() async throws {
        try await withNode { node in
            let (live, _) = try await liveAndDeleted(node)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            for text in [".", "-", "€", "💎"] {
                let page = try await browser.get("/records?q=\(WebBrowser.encode(text))")
                #expect(page.status == 200 && page.text.contains("/records/\(live)\""), "q=\(text)")
                #expect(page.text.contains("There was nothing to search for in “\(text)”"), "q=\(text)")
                #expect(page.text.contains("Records 1–1 of 1"), "q=\(text)")
            }
            #expect(!(try await browser.get("/records?q=lithium").text.contains("nothing to search for")))
        }
    }
}
