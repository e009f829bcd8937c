import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// A form holding a field its page does not take (`colour=red`), or one of its fields twice
/// (`title=a&title=b`), is refused naming it (400, the page's error) and changes nothing, as the
/// API refuses an unknown member; a group of checkboxes still sends each box ticked. Every form
/// the page renders, sent as a browser sends it, is taken.
@Suite("Web: forms refuse unknown and repeated fields")
struct WebFormFieldsTests {
    static let newRecord: [(String, String)] = [
        ("title", "Graphite anode plant"), ("type", "investment"), ("office", "chennai"), ("status", "contacted"),
        ("tracks", "critical_minerals"), ("tracks", "ipef"), ("critical_minerals.mineral", "graphite"),
    ]

    /// Posts `pairs` with `browser`'s session and CSRF token.
    static func post(_ browser: WebBrowser, _ path: String, _ pairs: [(String, String)]) async throws -> Reply {
        try await WebBrowser.post(browser.node, path, pairs + [("csrf", browser.csrf)], cookie: browser.cookie)
    }

    @Test func aRecordFormWithAFieldTwiceOrAnUnknownOneSavesNothing() async throws {
        try await withNode { node in
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let twice = try await Self.post(editor, "/records", Self.newRecord + [("title", "Another title")])
            #expect(twice.status == 400)
            #expect(twice.text.contains("the form holds the field &quot;title&quot; more than once, so nothing was saved"), "\(twice.text)")
            let unknown = try await Self.post(editor, "/records", Self.newRecord + [("colour", "red")])
            #expect(unknown.status == 400)
            #expect(unknown.text.contains("the form holds a field this page does not take, &quot;colour&quot;, so nothing was saved"))
            #expect(try await node.store.counts().records == 0)

            let made = try await Self.post(editor, "/records", Self.newRecord)
            #expect(made.status == 303, "two tracks ticked are two values of one field: \(made.text)")
            let id = try #require(made.header("location")?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(try await node.store.state(id: id)?.displayValues["tracks"] == .list(["critical_minerals", "ipef"]))

            let edit = try await editor.get("/records/\(id)/edit")
            let version = try #require(WebBrowser.hidden("version", in: edit.text))
            let loaded = try #require(WebBrowser.hidden("loaded", in: edit.text))
            let before = try await node.store.currentSequence()
            let edited = try await Self.post(
                editor,
                "/records/\(id)",
                [("version", version), ("loaded", loaded), ("title", "a"), ("title", "b"), ("colour", "red"), ("size", "L")]
            )
            #expect(edited.status == 400)
            #expect(
                edited.text.contains(
                    "the form holds fields this page does not take, &quot;colour&quot;, &quot;size&quot;, and the field &quot;title&quot; more than once"
                ),
                "\(edited.text)"
            )
            #expect(try await node.store.currentSequence() == before)
        }
    }

    @Test func adminAndSignInFormsWithAnUnknownOrRepeatedFieldChangeNothing() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            _ = try await WebBrowser.signIn(node, as: .reader)
            for pairs in [[("action", "role"), ("role", "editor"), ("colour", "red")], [("action", "role"), ("role", "admin"), ("role", "reader")]] {
                let changed = try await Self.post(admin, "/admin/users/reader-user", pairs)
                #expect(changed.status == 400 && changed.text.contains("so nothing was saved"), "\(pairs): \(changed.text)")
            }
            #expect(try await node.store.account(named: "reader-user")?.role == .reader)
            let token = try await Self.post(admin, "/admin/tokens/editor-token/revoke", [("everything", "yes")])
            #expect(token.status == 400 && token.text.contains("&quot;everything&quot;"), "\(token.text)")
            #expect(try await node.send("GET", "/v1/records", token: node.token(.editor)).status == 200)

            let signIn = try await WebBrowser.signInForm(
                node,
                ["username": "reader-user", "password": WebBrowser.password, "remember": "yes"]
            )
            #expect(signIn.status == 400 && signIn.text.contains("a field this page does not take, &quot;remember&quot;"), "\(signIn.text)")
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: signIn) == nil)
        }
    }

    /// Each form of the record pages, the admin pages, import, password and sign-in, sent back
    /// as the page filled it (each named control once, each checkbox, one of a group of radio
    /// buttons or of submit buttons): none is refused for its fields.
    @Test func everyFormThePageRendersIsTakenAsABrowserSendsIt() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let editor = node.token(.editor)
            let etag = try #require(try await node.send("GET", "/v1/records/\(id)", token: editor).header("etag"))
            for status in ["contacted", "in_discussion"] {
                let json = #"{"status":"\#(status)","tracks":["critical_minerals","semiconductors"]}"#
                let written = try await node.send("PATCH", "/v1/records/\(id)", token: editor, json: json, headers: [("If-Match", etag)])
                #expect(written.status == 200, "\(written.text)")
            }
            let deleted = try await makeRecord(node, title: "Deleted one")
            let deletedTag = try #require(try await node.send("GET", "/v1/records/\(deleted)", token: editor).header("etag"))
            #expect(try await node.send("DELETE", "/v1/records/\(deleted)", token: editor, headers: [("If-Match", deletedTag)]).status == 200)
            try FileManager.default.createDirectory(at: node.store.peerTokenDirectory, withIntermediateDirectories: true)
            let tokenFile = node.store.peerTokenDirectory.appendingPathComponent("chennai.token")
            try (node.token(.peer) + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
            try await node.store.addPeer(PeerRecord(name: "chennai", url: "http://127.0.0.1:9", tokenFile: tokenFile.path), now: 1)

            let admin = try await WebBrowser.signIn(node, as: .admin)
            _ = try await WebBrowser.signIn(node, as: .reader)
            let pages = [
                "/records/new", "/records/\(id)", "/records/\(id)/edit", "/records/\(id)/delete", "/records/\(deleted)",
                "/admin/users", "/admin/tokens", "/sync", "/import", "/account/password",
            ]
            var forms: [String: [(String, String)]] = [:]
            for path in pages {
                let page = try await admin.get(path)
                #expect(page.status == 200, "\(path)")
                for form in Self.forms(in: page.text) where forms[form.action] == nil { forms[form.action] = form.fields }
            }
            let expected = [
                "/records", "/records/\(id)", "/records/\(id)/resolve", "/records/\(id)/restore", "/records/\(id)/delete",
                "/records/\(deleted)/undelete", "/admin/users", "/admin/users/reader-user", "/admin/tokens",
                "/admin/tokens/editor-token/revoke", "/admin/peers", "/admin/peers/chennai/remove", "/sync", "/import",
                "/account/password", "/logout",
            ]
            #expect(Set(expected).subtracting(forms.keys).isEmpty, "\(forms.keys.sorted())")
            // Signing out last: the others need the session.
            for (action, fields) in forms.sorted(by: { ($0.key == "/logout" ? 1 : 0, $0.key) < ($1.key == "/logout" ? 1 : 0, $1.key) }) {
                let reply = try await WebBrowser.post(node, action, fields, cookie: admin.cookie)
                #expect(reply.status < 500, "\(action): \(reply.status)")
                #expect(!reply.text.contains("the form holds"), "\(action) \(fields): \(reply.text)")
            }

            let signIn = try await node.send("GET", "/login")
            let cookie = try #require(WebBrowser.setCookie(node.signInCookieName, in: signIn)).split(separator: ";")[0]
            let form = try #require(Self.forms(in: signIn.text).first { $0.action == "/login" })
            let filled = form.fields.map { name, value in
                (name, name == "username" ? "reader-user" : name == "password" ? WebBrowser.password : value)
            }
            #expect(try await WebBrowser.post(node, "/login", filled, cookie: String(cookie)).status == 303)
        }
    }

    /// The POST forms of a page: each one's action and the pairs a browser sends for it untouched.
    static func forms(in page: String) -> [(action: String, fields: [(String, String)])] {
        page.components(separatedBy: "<form ").dropFirst().compactMap { form -> (String, [(String, String)])? in
            let body = form.components(separatedBy: "</form>")[0]
            let head = body.prefix { $0 != ">" }
            guard head.contains("method=\"post\""), let action = attribute("action", in: String(head)) else { return nil }
            var fields: [(String, String)] = []
            var once: Set<String> = []
            let tags = try! NSRegularExpression(pattern: #"<(input|select|textarea|button)\b[^>]*>"#)
            for match in tags.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
                let tag = String(body[Range(match.range, in: body)!])
                guard let name = attribute("name", in: tag) else { continue }
                let type = attribute("type", in: tag) ?? ""
                // A browser sends the one radio button chosen, the one submit button pressed.
                if type == "radio" || tag.hasPrefix("<button") {
                    guard once.insert(name).inserted else { continue }
                }
                fields.append((name, attribute("value", in: tag) ?? ""))
            }
            return (action, fields)
        }
    }

    /// The value of attribute `name` in `tag`, entities read.
    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: #"\s\#(name)="[^"]*""#, options: .regularExpression) else { return nil }
        return String(tag[range].drop { $0 != "\"" }.dropFirst().dropLast()).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
