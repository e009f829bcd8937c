import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// A signed-in browser session for route tests: the session cookie and the page's CSRF token.
struct WebBrowser: Sendable {
    let node: TestNode
    let cookie: String
    let csrf: String

    /// The password of the test accounts ``signIn(_:as:)`` makes.
    static let password = "correct horse battery staple"

    /// Signs in as `<role>-user` (an account made on first use, with ``password``) and reads
    /// the CSRF token from a page.
    static func signIn(_ node: TestNode, as role: TokenRole) async throws -> WebBrowser {
        let name = "\(role.rawValue)-user"
        if try await node.store.account(named: name) == nil {
            try await node.store.addAccount(name: name, role: role, password: password)
        }
        let reply = try await signInForm(node, ["username": name, "password": password])
        #expect(reply.status == 303)
        let setCookie = try #require(Self.setCookie(node.sessionCookieName, in: reply))
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        // Secure only over HTTPS: a browser would drop a Secure cookie set over plain HTTP.
        #expect(setCookie.contains("; Secure") == node.base.hasPrefix("https://"))
        let cookie = String(setCookie.split(separator: ";")[0])
        let page = try await node.send("GET", "/records", headers: [("Cookie", cookie)])
        #expect(page.status == 200)
        let csrf = try #require(Self.csrf(in: page.text))
        return WebBrowser(node: node, cookie: cookie, csrf: csrf)
    }

    /// Loads the sign-in page (for its sign-in cookie and token) and posts `fields` with them.
    static func signInForm(_ node: TestNode, _ fields: KeyValuePairs<String, String>, path: String = "/login") async throws -> Reply {
        let page = try await node.send("GET", path)
        let cookie = try #require(setCookie(node.signInCookieName, in: page))
        let signin = try #require(hidden("signin", in: page.text))
        return try await post(
            node,
            "/login",
            Array(fields).map { ($0.key, $0.value) } + [("signin", signin)],
            cookie: String(cookie.split(separator: ";")[0])
        )
    }

    /// The `Set-Cookie` value (with its attributes) that sets cookie `name` in a reply (the
    /// client joins several `Set-Cookie` headers with ", ").
    static func setCookie(_ name: String, in reply: Reply) -> String? {
        guard let header = reply.header("set-cookie"), let start = header.range(of: name + "=") else { return nil }
        let rest = header[start.lowerBound...]
        let end = rest.range(of: ", liaison_")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The CSRF token in a page's forms.
    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: #"name="csrf" value="([0-9a-f]{64})""#, options: .regularExpression) else { return nil }
        return String(page[range].dropLast().suffix(64))
    }

    func get(_ path: String) async throws -> Reply {
        try await node.send("GET", path, headers: [("Cookie", cookie)])
    }

    /// The page a 303 sends this browser to (its `Location`, without the `#` part a browser
    /// keeps to itself); nil for any other answer.
    func follow(_ reply: Reply) async throws -> Reply? {
        guard reply.status == 303, let location = reply.header("location") else { return nil }
        return try await get(String(location.prefix { $0 != "#" }))
    }

    /// Posts a form with this session's CSRF token (unless `csrf` says otherwise; `""` sends none).
    func post(_ path: String, _ fields: KeyValuePairs<String, String>, csrf: String? = nil) async throws -> Reply {
        var pairs = Array(fields).map { ($0.key, $0.value) }
        let token = csrf ?? self.csrf
        if !token.isEmpty { pairs.append(("csrf", token)) }
        return try await Self.post(node, path, pairs, cookie: cookie)
    }

    static func post(_ node: TestNode, _ path: String, _ fields: KeyValuePairs<String, String>, cookie: String?) async throws -> Reply {
        try await post(node, path, Array(fields).map { ($0.key, $0.value) }, cookie: cookie)
    }

    static func post(
        _ node: TestNode,
        _ path: String,
        _ pairs: [(String, String)],
        cookie: String?,
        headers extra: [(name: String, value: String)] = []
    ) async throws -> Reply {
        let body = pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var headers: [(name: String, value: String)] = [("Content-Type", "application/x-www-form-urlencoded")] + extra
        if let cookie { headers.append(("Cookie", cookie)) }
        let response = try await node.client.send(
            HTTPRequest(method: "POST", url: node.base + path, headers: headers, body: Array(body.utf8))
        )
        return Reply(response: response)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The value of hidden input `name` in a page.
    static func hidden(_ name: String, in page: String) -> String? {
        let pattern = "name=\"\(name)\" value=\"([^\"]*)\""
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: page, range: NSRange(page.startIndex..., in: page)),
            let range = Range(match.range(at: 1), in: page)
        else { return nil }
        return String(page[range]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
    }
}

/// A record made through the API, for the pages to show.
func makeRecord(_ node: TestNode, title: String = "Lithium refining JV") async throws -> String {
    let json =
        #"{"title":"\#(title)","type":"joint_venture","tracks":["critical_minerals"],"value_usd":2500000,"critical_minerals.mineral":"lithium"}"#
    let created = try await node.send("POST", "/v1/records", token: node.token(.editor), json: json)
    #expect(created.status == 201)
    return try #require(created.object["id"] as? String)
}

@Suite("Web: sign-in, sessions, CSRF and roles")
struct WebSessionTests {
    @Test func pagesWithoutASessionGoToSignIn() async throws {
        try await withNode { node in
            for path in ["/records", "/records/new", "/conflicts", "/reports", "/reports/overview", "/sync"] {
                let reply = try await node.send("GET", path)
                #expect(reply.status == 303, "\(path)")
                #expect(reply.header("location")?.hasPrefix("/login?next=") == true, "\(path)")
            }
            let root = try await node.send("GET", "/")
            #expect(root.status == 303)
            let login = try await node.send("GET", "/login")
            #expect(login.status == 200)
            #expect(login.text.contains(#"<label for="username">User name</label>"#))
            #expect(login.text.contains(#"<label for="password">Password</label>"#))
            #expect(login.header("content-type")?.hasPrefix("text/html") == true)
            // A POST without a session changes nothing.
            let post = try await WebBrowser.post(node, "/records", ["title": "x", "type": "event", "tracks": "sccp"], cookie: nil)
            #expect(post.status == 403)
            #expect(try await node.store.counts().records == 0)
            // Assets need no session.
            #expect(try await node.send("GET", "/static/liaison.css").status == 200)
            #expect(try await node.send("GET", "/static/liaison.js").status == 200)
        }
    }

    @Test func signInRefusesAWrongPasswordAndSignOutEndsTheSession() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .reader, password: WebBrowser.password)
            let bad = try await WebBrowser.signInForm(node, ["username": "asha", "password": "not the password"])
            #expect(bad.status == 401)
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: bad) == nil)
            #expect(bad.text.contains("user name or the password is wrong"))
            let unknown = try await WebBrowser.signInForm(node, ["username": "nobody", "password": WebBrowser.password])
            #expect(unknown.status == 401)
            #expect(unknown.text.contains("user name or the password is wrong"))

            let next = try await WebBrowser.signInForm(node, ["username": "asha", "password": WebBrowser.password, "next": "/conflicts"])
            #expect(next.header("location") == "/conflicts")
            let offsite = try await WebBrowser.signInForm(node, ["username": "asha", "password": WebBrowser.password, "next": "//evil.example/"])
            #expect(offsite.header("location") == "/")

            let browser = try await WebBrowser.signIn(node, as: .editor)
            #expect(!browser.cookie.contains(WebBrowser.password), "the cookie holds a session id, not the password")
            // Sign-out needs the CSRF token too.
            #expect(try await browser.post("/logout", [:], csrf: "").status == 403)
            #expect(try await browser.get("/records").status == 200)
            let out = try await browser.post("/logout", [:])
            #expect(out.status == 303)
            #expect(out.header("set-cookie")?.contains("Max-Age=0") == true)
            #expect(try await browser.get("/records").status == 303)
        }
    }

    @Test func postsWithoutOrWithAWrongCSRFTokenAre403AndChangeNothing() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .admin)
            let edit = try await browser.get("/records/\(id)/edit")
            let version = try #require(WebBrowser.hidden("version", in: edit.text))
            let before = try await node.store.currentSequence()
            let create: KeyValuePairs<String, String> = [
                "title": "Forged", "type": "event", "tracks": "sccp", "office": "mumbai", "status": "identified",
            ]
            for csrf in ["", String(repeating: "0", count: 64), "short"] {
                #expect(try await browser.post("/records", create, csrf: csrf).status == 403)
                #expect(try await browser.post("/records/\(id)", ["version": version, "title": "Forged"], csrf: csrf).status == 403)
                #expect(try await browser.post("/records/\(id)/delete", ["version": version], csrf: csrf).status == 403)
                #expect(try await browser.post("/records/\(id)/resolve", ["version": version, "pick.title": "v0"], csrf: csrf).status == 403)
                #expect(try await browser.post("/sync", [:], csrf: csrf).status == 403)
            }
            // Another session's token does not work either.
            let other = try await WebBrowser.signIn(node, as: .editor)
            #expect(other.csrf != browser.csrf)
            #expect(try await browser.post("/records", create, csrf: other.csrf).status == 403)
            #expect(try await node.store.currentSequence() == before)
            #expect(try await node.store.counts().records == 1)
        }
    }

    /// A form's bytes that are not UTF-8 (`%FF%FE`, crafted: a browser sends UTF-8) were stored
    /// as U+FFFD, where the API refuses them.
    @Test func aFormThatIsNotUTF8IsRefusedAndChangesNothing() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let fields = "type=event&tracks=ipef&office=mumbai&status=identified&csrf=\(browser.csrf)"
            for title in ["%FF%FEbad", "ok%C3", "%E2%82"] {
                let response = try await node.client.send(
                    HTTPRequest(
                        method: "POST",
                        url: node.base + "/records",
                        headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", browser.cookie)],
                        body: Array("title=\(title)&\(fields)".utf8)
                    )
                )
                let reply = Reply(response: response)
                #expect(reply.status == 400, "\(title)")
                #expect(reply.text.contains("the form holds bytes that are not UTF-8 text, so nothing was saved"), "\(title)")
            }
            #expect(try await node.store.counts().records == 0)
            #expect(
                try await browser.post(
                    "/records",
                    ["title": "Ørsted wind", "type": "event", "tracks": "ipef", "office": "mumbai", "status": "identified"]
                ).status == 303
            )
            #expect(try await node.store.counts().records == 1)
        }
    }

    @Test func readersSeeNoEditButtonsAndTheirPostsAreRefused() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let reader = try await WebBrowser.signIn(node, as: .reader)
            let list = try await reader.get("/records")
            #expect(list.status == 200)
            #expect(!list.text.contains("New record"))
            let page = try await reader.get("/records/\(id)")
            #expect(page.status == 200)
            #expect(page.text.contains("Lithium refining JV"))
            #expect(!page.text.contains("/edit\""))
            #expect(!page.text.contains("/delete\""))
            #expect(try await reader.get("/records/new").status == 403)
            #expect(try await reader.get("/records/\(id)/edit").status == 403)
            let sync = try await reader.get("/sync")
            #expect(sync.status == 200)
            #expect(!sync.text.contains("Sync now"))

            let before = try await node.store.currentSequence()
            let state = try #require(try await node.store.state(id: id))
            let version = state.version.description
            #expect(try await reader.post("/records", ["title": "x", "type": "event", "tracks": "sccp"]).status == 403)
            #expect(try await reader.post("/records/\(id)", ["version": version, "title": "Changed"]).status == 403)
            #expect(try await reader.post("/records/\(id)/delete", ["version": version]).status == 403)
            #expect(try await reader.post("/sync", [:]).status == 403)
            #expect(try await node.store.currentSequence() == before)

            // Editors may not sync now; admins may.
            let editor = try await WebBrowser.signIn(node, as: .editor)
            #expect(try await editor.post("/sync", [:]).status == 403)
            let admin = try await WebBrowser.signIn(node, as: .admin)
            #expect(try await admin.post("/sync", [:]).status == 303)
        }
    }
}
