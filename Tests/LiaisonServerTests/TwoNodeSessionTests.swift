import Foundation
import LiaisonStore
import Testing

/// What a browser keeps for one host: cookies by name, sent to every port of that host (a
/// browser does not keep cookies apart by port).
struct HostCookieJar {
    private var cookies: [String: String] = [:]

    /// The `Cookie` header the browser sends to any node on the host.
    var header: String {
        cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    /// Keeps the cookies `reply` sets and forgets those it deletes (`Max-Age=0`).
    mutating func take(_ reply: Reply) {
        guard let header = reply.header("set-cookie") else { return }
        // The client joins several `Set-Cookie` headers with ", "; every name starts `liaison_`.
        for (index, part) in header.components(separatedBy: ", liaison_").enumerated() {
            let attributes = (index == 0 ? part : "liaison_" + part).split(separator: ";")
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            cookies[name] = attributes.contains("Max-Age=0") ? nil : String(pair[pair.index(after: equals)...])
        }
    }

    /// A GET from this browser.
    mutating func get(_ node: TestNode, _ path: String) async throws -> Reply {
        let reply = try await node.send("GET", path, headers: [("Cookie", header)])
        take(reply)
        return reply
    }

    /// A form POST from this browser.
    mutating func post(_ node: TestNode, _ path: String, _ fields: [(String, String)]) async throws -> Reply {
        let reply = try await WebBrowser.post(node, path, fields, cookie: header)
        take(reply)
        return reply
    }
}

@Suite("Web: two nodes on one host")
struct TwoNodeSessionTests {
    @Test func aBrowserSignedInToTwoNodesOnOneHostStaysSignedInToBoth() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                #expect(URL(string: mumbai.base)?.host == URL(string: chennai.base)?.host)
                var browser = HostCookieJar()
                // Both sign-in forms open at once, then sent one after the other.
                var tokens: [String] = []
                for node in [mumbai, chennai] {
                    try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
                    let form = try await browser.get(node, "/login")
                    tokens.append(try #require(WebBrowser.hidden("signin", in: form.text)))
                }
                for (node, token) in zip([mumbai, chennai], tokens) {
                    let fields = [("username", "asha"), ("password", WebBrowser.password), ("signin", token)]
                    #expect(try await browser.post(node, "/login", fields).status == 303)
                }

                let mumbaiPage = try await browser.get(mumbai, "/records")
                #expect(mumbaiPage.status == 200, "signing in to chennai kept the mumbai session")
                #expect(try await browser.get(chennai, "/records").status == 200)
                // Mumbai's forms still pass its CSRF check.
                let csrf = try #require(WebBrowser.csrf(in: mumbaiPage.text))
                let record = [
                    ("title", "Graphite anode plant"), ("type", "investment"), ("office", "mumbai"), ("status", "contacted"),
                    ("tracks", "critical_minerals"), ("critical_minerals.mineral", "graphite"), ("csrf", csrf),
                ]
                #expect(try await browser.post(mumbai, "/records", record).status == 303)
                #expect(try await mumbai.store.counts().records == 1)

                // Signing out of chennai leaves mumbai signed in.
                let chennaiPage = try await browser.get(chennai, "/records")
                let chennaiCSRF = try #require(WebBrowser.csrf(in: chennaiPage.text))
                #expect(try await browser.post(chennai, "/logout", [("csrf", chennaiCSRF)]).status == 303)
                #expect(try await browser.get(chennai, "/records").status == 303)
                #expect(try await browser.get(mumbai, "/records").status == 200)
            }
        }
    }
}
