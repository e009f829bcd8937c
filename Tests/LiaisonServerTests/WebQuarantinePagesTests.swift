import Foundation
import LiaisonStore
import Testing

/// The Sync page's quarantine list pages through every entry by the store's cursor, as the
/// record list does; dropping an entry comes back to the page it was on.
@Suite("Web: the quarantine a page at a time")
struct WebQuarantinePagesTests {
    /// The record ids a page of the list shows, and the address of its Next link.
    static func listed(_ page: String) -> (ids: [String], next: String?) {
        let ids = page.components(separatedBy: "</td><td><code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let next = page.range(of: #"href="[^"]*" rel="next""#, options: .regularExpression).map {
            String(page[$0].dropFirst(6).prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        }
        return (ids, next)
    }

    @Test func adminsPageThroughEveryEntryAndDropOneWhereTheyAre() async throws {
        try await withNode { node in
            _ = try await PushQuarantineBoundTests.pushBad(120, claiming: "chennai.abc123", token: node.token(.peer), to: node)
            let admin = try await WebBrowser.signIn(node, as: .admin)

            let first = try await admin.get("/sync").text
            #expect(first.contains("Entries 1–50 of 120"), "\(first)")
            #expect(!first.contains("rel=\"prev\""))
            let (firstIDs, toSecond) = Self.listed(first)
            let second = try await admin.get(try #require(toSecond)).text
            #expect(second.contains("Entries 51–100 of 120") && second.contains("Page 2"))
            #expect(second.contains(#"<a class="button secondary" href="/sync#quarantine" rel="prev">← Newest</a>"#))
            let (secondIDs, toThird) = Self.listed(second)
            let third = try await admin.get(try #require(toThird)).text
            #expect(third.contains("Entries 101–120 of 120") && third.contains("Page 3"))
            let (thirdIDs, after) = Self.listed(third)
            #expect(after == nil, "the last page has no Next")
            // A page number edited by hand only numbers the page, up to a bound (the largest
            // integer stopped the node).
            let far = try #require(toSecond).replacingOccurrences(of: "qpage=2", with: "qpage=9223372036854775807")
            #expect(try await admin.get(far).text.contains("Page 1000000000"))
            let every = try await node.store.quarantine(limit: 500).entries.compactMap(\.recordID)
            #expect(firstIDs + secondIDs + thirdIDs == every, "each entry once, the most recent first")

            // Dropping an entry on page 2 comes back to page 2, saying so.
            let place = String(second[try #require(second.range(of: #"<input type="hidden" name="quarantine""#)).lowerBound...])
            let cursor = try #require(WebBrowser.hidden("quarantine", in: place))
            let entry = try #require(WebBrowser.hidden("id", in: place))
            let dropped = try await admin.post("/quarantine/drop", ["id": entry, "quarantine": cursor, "qpage": "2"])
            #expect(dropped.status == 303)
            #expect(dropped.header("location") == "/sync?done=dropped&quarantine=\(cursor)&qpage=2#quarantine")
            let back = try #require(try await admin.follow(dropped)).text
            #expect(back.contains("The quarantine entry was dropped.") && back.contains("Entries 51–100 of 119"), "\(back)")
            #expect(!Self.listed(back).ids.isEmpty && !back.contains("name=\"id\" value=\"\(entry)\""))
            #expect(try await node.store.quarantinedCount() == 119)

            // A cursor that does not read, or one past the end, shows the first page.
            #expect(try await admin.get("/sync?quarantine=nonsense&qpage=7").text.contains("Entries 1–50 of 119"))
            #expect(try await admin.get("/sync?quarantine=1.1&qpage=9").text.contains("Entries 1–50 of 119"))

            // An id given blank, or not a plain number, names no entry: a blank one dropped them all.
            for id in ["", "   ", "+7"] {
                let refused = try await admin.post("/quarantine/drop", ["id": id])
                #expect(refused.status == 400 && refused.text.contains("No such entry."), "\(id)")
            }
            #expect(try await node.store.quarantinedCount() == 119)
        }
    }
}
