import Foundation
import LiaisonHTTP
import LiaisonStore
import Testing

/// `GET /v1/quarantine` answers a page at a time, as `GET /v1/records` does: a quarantine
/// holds up to 16 MiB of bytes a source, too much for one answer.
@Suite("The quarantine over HTTP, a page at a time")
struct QuarantinePagesTests {
    /// The entries of `reply`, and its `next`.
    static func page(_ reply: Reply) throws -> (ids: [Int], next: String?) {
        #expect(reply.status == 200, "\(reply.text.prefix(300))")
        let entries = try #require(reply.object["quarantined"] as? [[String: Any]])
        return (entries.compactMap { $0["id"] as? Int }, reply.object["next"] as? String)
    }

    /// Every entry of `node`'s quarantine, read as a script would: 500 at a time, following `next`.
    static func everyEntry(of node: TestNode) async throws -> [[String: Any]] {
        var entries: [[String: Any]] = []
        var cursor = ""
        for _ in 0..<100 {
            let reply = try await node.send("GET", "/v1/quarantine?limit=500\(cursor)", token: node.token(.admin))
            entries += try #require(reply.object["quarantined"] as? [[String: Any]], "\(reply.text.prefix(300))")
            guard let next = reply.object["next"] as? String else { return entries }
            cursor = "&cursor=\(next)"
        }
        throw TestFailure("the quarantine's pages never ended")
    }

    @Test func anAdminReadsEveryEntryOnceByFollowingNext() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            // 120 entries arrive in one push (most of them at the same millisecond), then 3 more.
            let older = try await PushQuarantineBoundTests.pushBad(120, claiming: "chennai.old001", token: node.token(.peer), to: node)
            let newer = try await PushQuarantineBoundTests.pushBad(3, claiming: "chennai.new001", token: node.token(.peer), to: node)
            #expect(older.count == 120 && newer.count == 3)

            // The first page: the default 50, the latest push first, with the total and where to go on.
            let first = try await node.send("GET", "/v1/quarantine", token: admin)
            #expect(first.object["total"] as? Int == 123)
            #expect(first.object["limit"] as? Int == APILimits.defaultPageSize)
            let entries = try #require(first.object["quarantined"] as? [[String: Any]])
            #expect(entries.count == 50)
            #expect(entries.prefix(3).allSatisfy { ($0["source"] as? String)?.hasPrefix("push from chennai.new001") == true })
            #expect(entries.allSatisfy { ($0["bytes"] as? String)?.isEmpty == false && $0["problem"] is String })

            // Following next, 40 at a time, reaches each entry once, in the same order.
            var ids: [Int] = []
            var next: String? = nil
            var pages = 0
            repeat {
                let cursor = next.map { "&cursor=\($0)" } ?? ""
                let page = try Self.page(try await node.send("GET", "/v1/quarantine?limit=40\(cursor)", token: admin))
                ids += page.ids
                next = page.next
                pages += 1
            } while next != nil && pages < 10
            #expect(pages == 4)
            #expect(ids.count == 123 && Set(ids).count == 123)
            #expect(Array(ids.prefix(50)) == (try Self.page(first)).ids)
            // The last page says there is no other.
            #expect(try await node.send("GET", "/v1/quarantine?limit=500", token: admin).text.contains("\"next\":null"))
        }
    }

    @Test func aBadLimitOrCursorIsRefusedNamingIt() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            for (query, named, says) in [
                ("limit=0", "\"limit\"", "from 1 to 500"), ("limit=501", "\"limit\"", "from 1 to 500"),
                ("limit=many", "\"limit\"", "from 1 to 500"), ("limit=", "\"limit\"", "is empty"),
                ("cursor=yesterday", "\"cursor\"", "must be a page's next"), ("cursor=12.0", "\"cursor\"", "must be a page's next"),
                ("cursor=", "\"cursor\"", "is empty"), ("offset=50", "\"offset\"", "unknown query parameter"),
            ] {
                let reply = try await node.send("GET", "/v1/quarantine?\(query)", token: admin)
                #expect(reply.status == 400, "\(query): \(reply.text)")
                #expect(reply.error.contains(named) && reply.error.contains(says), "\(query): \(reply.error)")
            }
        }
    }
}
