import Foundation
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import Testing

@Suite("Query parameters: an API route refuses one it does not take")
struct QueryParameterTests {
    /// `route`'s path with its parameters filled in.
    static func path(_ route: APIRoute) -> String {
        route.path.replacingOccurrences(of: "{id}", with: "0190f3a2-7c1e-7000-8000-000000000001")
            .replacingOccurrences(of: "{name}", with: "nobody")
    }

    /// A token that may call `route`.
    static func token(_ route: APIRoute, _ node: TestNode) -> String? {
        switch route.access {
        case .open: nil
        case .sync: node.token(.peer)
        case .anyToken, .staff(_): node.token(.admin)
        }
    }

    /// A body the route would act on, for the routes that make something.
    static let bodies: [APIRoute: String] = [
        .createRecord: RecordRoutesTests.newRecord,
        .createToken: #"{"name":"ci","role":"reader"}"#,
        .createUser: #"{"name":"asha","role":"editor","password":"correct horse battery"}"#,
        .syncNow: "{}",
    ]

    @Test func everyAPIRouteRefusesAnUnknownParameterByNameAndDoesNothing() async throws {
        try await withNode { node in
            let tokens = try await node.store.tokens().count
            for route in APIRoute.allCases where route.queryParameters != nil {
                let path = Self.path(route) + "?bogus=1"
                let token = Self.token(route, node)
                let reply =
                    if let body = Self.bodies[route] {
                        try await node.send(route.method, path, token: token, json: body)
                    } else {
                        try await node.send(route.method, path, token: token)
                    }
                #expect(reply.status == 400, "\(route.method) \(path): \(reply.text)")
                #expect(reply.error.hasPrefix(#"unknown query parameter "bogus""#), "\(route.method) \(path): \(reply.text)")
            }
            #expect(try await node.store.currentSequence() == 0, "no record was made")
            #expect(try await node.store.tokens().count == tokens, "no token was made")
            #expect(try await node.store.accounts().isEmpty, "no account was made")
        }
    }

    /// `?office=` is refused as `liaison record list --office ""` is, not read as no filter
    /// (which answered every record as if they were the office's).
    @Test(arguments: [
        "/v1/records?office=", "/v1/records?track=&limit=5", "/v1/records?status=", "/v1/records?format=csv&office=",
        "/v1/reports/overview?office=", "/v1/reports/overview?from=", "/v1/reports/overview?to=&format=md",
    ])
    func anEmptyFilterIsRefusedByName(path: String) async throws {
        try await withNode { node in
            let parts = path.split(separator: "?")
            let pairs = parts[1].split(separator: "&")
            let empty = try #require(pairs.first { $0.hasSuffix("=") })
            let reply = try await node.send("GET", path, token: node.token(.reader))
            #expect(reply.status == 400, "\(path): \(reply.text)")
            #expect(reply.error.hasPrefix(#"query parameter "\#(empty.dropLast())" is empty"#), "\(path): \(reply.text)")
            let kept = pairs.filter { $0 != empty }
            let without = String(parts[0]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
            #expect(try await node.send("GET", without, token: node.token(.reader)).status == 200, "\(without) (no filter) is fine")
        }
    }

    /// `?limit=`, `?cursor=`, `?sort=`, `?format=` (what a script sends when its variable came out
    /// empty) are refused as an empty filter is, not answered as if they were left out.
    @Test func anEmptyPagingSortOrFormatIsRefusedByName() async throws {
        try await withNode { node in
            let reader = node.token(.reader)
            let created = try await node.send("POST", "/v1/records", token: node.token(.editor), json: RecordRoutesTests.newRecord)
            let id = try #require(created.object["id"] as? String)
            let paths = [
                "/v1/records?cursor=", "/v1/records?sort=", "/v1/records?limit=", "/v1/records?format=",
                "/v1/records?format=csv&limit=", "/v1/records?offset=&limit=5", "/v1/records?deleted=",
                "/v1/conflicts?cursor=", "/v1/conflicts?sort=", "/v1/conflicts?limit=",
                "/v1/records/\(id)/history?limit=", "/v1/records/\(id)/history?cursor=",
                "/v1/reports/overview?format=", "/v1/reports/overview?table=",
            ]
            for path in paths {
                let parts = path.split(separator: "?")
                let pairs = parts[1].split(separator: "&")
                let empty = try #require(pairs.first { $0.hasSuffix("=") }).dropLast()
                let reply = try await node.send("GET", path, token: reader)
                #expect(reply.status == 400, "\(path): \(reply.text)")
                #expect(reply.error.hasPrefix(#"query parameter "\#(empty)" is empty"#), "\(path): \(reply.text)")
                #expect(reply.fields[String(empty)] == "is empty", "\(path): \(reply.text)")
                let kept = pairs.filter { !$0.hasSuffix("=") }
                let without = String(parts[0]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
                #expect(try await node.send("GET", without, token: reader).status == 200, "\(without) is fine")
            }
            // A peer's pull with an empty parameter is refused the same way.
            let pull = try await node.send("GET", "/v1/sync/changes?since=&limit=10", token: node.token(.peer))
            #expect(pull.status == 400 && pull.error.hasPrefix(#"query parameter "since" is empty"#), "\(pull.text)")
            // An empty search is no search.
            let search = try await node.send("GET", "/v1/records?q=", token: reader)
            #expect(search.status == 200 && search.object["total"] as? Int == 1, "\(search.text)")
        }
    }

    /// `deleted` and `conflicted` read yes or no as data entry does (``YesNo``).
    @Test func flagsTakeEverySpellingOfYesAndNo() async throws {
        try await withNode { node in
            let reader = node.token(.reader)
            let id = try await makeRecord(node)
            let shown = try await node.send("GET", "/v1/records/\(id)", token: reader)
            let etag = try #require(shown.header("ETag"))
            #expect(try await node.send("DELETE", "/v1/records/\(id)", token: node.token(.editor), headers: [("If-Match", etag)]).status == 200)
            for (spelling, total) in [("true", 1), ("1", 1), ("yes", 1), ("Y", 1), ("false", 0), ("0", 0), ("No", 0), ("n", 0)] {
                let listed = try await node.send("GET", "/v1/records?deleted=\(spelling)", token: reader)
                #expect(listed.status == 200 && listed.object["total"] as? Int == total, "deleted=\(spelling): \(listed.text)")
            }
            let refused = try await node.send("GET", "/v1/records?conflicted=maybe", token: reader)
            #expect(refused.status == 400)
            #expect(refused.error == #"query parameter "conflicted" must be true or false (or yes/no, y/n, 1/0), got "maybe""#, "\(refused.text)")
        }
    }

    @Test func theErrorNamesWhatTheRouteTakes() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            let peers = try await node.send("GET", "/v1/peers?x=1", token: admin)
            #expect(peers.status == 400)
            #expect(peers.error == #"unknown query parameter "x"; this route takes none"#)
            let conflicts = try await node.send("GET", "/v1/conflicts?limit=5&page=2", token: admin)
            #expect(conflicts.error == #"unknown query parameter "page"; known: cursor, limit, offset, sort"#)
            // HEAD is checked as its GET is.
            #expect(try await node.send("HEAD", "/v1/status?verbose=1", token: admin).status == 400)
        }
    }

    /// Bytes that are not UTF-8 text read as U+FFFD, which has no words: `q=%FF%FE` answered
    /// every record as if no search had been asked.
    @Test func aParameterThatIsNotUTF8TextIsRefusedByName() async throws {
        try await withNode { node in
            let reader = node.token(.reader)
            for (path, name) in [("/v1/records?q=%FF%FE", "q"), ("/v1/records?limit=5&office=mum%C3", "office")] {
                let refused = try await node.send("GET", path, token: reader)
                #expect(refused.status == 400)
                #expect(refused.error == "query parameter \"\(name)\" is not UTF-8 text once percent-decoded", "\(refused.text)")
            }
            #expect(try await node.send("GET", "/v1/records?q=%C3%A9t%C3%A9", token: reader).status == 200)
        }
    }

    @Test func whatPeersScrapersAndThePageSendIsStillTaken() async throws {
        try await withNode { node in
            let peer = node.token(.peer)
            // A pull as protocol 2 sends it, and as protocol 1 (older releases) sent it.
            for query in ["since=0&limit=10&for=chennai.x1&events_since=0", "since=0&limit=10&for=chennai.x1"] {
                let pull = try await node.send("GET", "/v1/sync/changes?\(query)", token: peer)
                #expect(pull.status == 200, "\(query): \(pull.text)")
            }
            // /metrics leaves scrapers free to add their own parameters.
            #expect(try await node.send("GET", "/metrics?target=mumbai", token: node.token(.reader)).status == 200)
            // The web page's routes are not the API's.
            #expect(try await node.send("GET", "/login?next=%2Frecords&utm_source=mail").status == 200)
        }
    }
}
