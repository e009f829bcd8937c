import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonServer
import LiaisonStore
import Testing

@Suite("Accounts on the page: throttled sign-in, disabled users, readers, safe redirects, kept forms")
struct AccountWebTests {
    /// The first wait (20 s) is long enough for the refusals below to come within it on a
    /// loaded machine (8 s once ran out before the sixth try arrived); the test then waits it out.
    @Test func theSixthTryAfterFiveWrongPasswordsWaitsBeforeThePasswordIsChecked() async throws {
        try await withSignInBackoff(20) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            for _ in 1...5 {
                let wrong = try await WebBrowser.signInForm(node, ["username": "asha", "password": "a wrong password"])
                #expect(wrong.status == 401)
            }
            // The right password now: refused before it is checked, and the page says why.
            let sixth = try await WebBrowser.signInForm(node, ["username": "asha", "password": WebBrowser.password])
            #expect(sixth.status == 429)
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: sixth) == nil)
            #expect(sixth.text.contains("Too many failed sign-ins"))
            let wait = try #require(sixth.header("retry-after").flatMap(Int.init))
            #expect(wait >= 1)
            #expect(try await node.store.account(named: "asha")?.lastSignIn == nil, "the password was not checked")
            // The API refuses the same way.
            let api = try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"\#(WebBrowser.password)"}"#)
            #expect(api.status == 429)
            #expect(api.header("retry-after") != nil)

            try await Task.sleep(for: .seconds(Double(wait) + 0.5))
            let right = try await WebBrowser.signInForm(node, ["username": "asha", "password": WebBrowser.password])
            #expect(right.status == 303)
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: right) != nil)
        }
    }

    @Test func failuresFromOneAddressSlowEveryAccountFromIt() async throws {
        try await withSignInBackoff(30) { node in
            try await node.store.addAccount(name: "ravi", role: .reader, password: WebBrowser.password)
            for index in 1...5 {
                let wrong = try await WebBrowser.signInForm(node, ["username": "someone\(index)", "password": "guess number \(index)"])
                #expect(wrong.status == 401)
            }
            let other = try await WebBrowser.signInForm(node, ["username": "ravi", "password": WebBrowser.password])
            #expect(other.status == 429)
        }
    }

    @Test func aDisabledUserIsSignedOutAtOnceAndCannotSignIn() async throws {
        try await withNode { node in
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let token = try await node.store.createToken(name: "editor-script", role: .editor, account: "editor-user")
            #expect(try await node.send("GET", "/v1/records", token: token).status == 200)
            let admin = try await WebBrowser.signIn(node, as: .admin)
            let disabled = try await admin.post("/admin/users/editor-user", ["action": "disable"])
            #expect(disabled.status == 303 && disabled.header("location") == "/admin/users?done=disabled")
            #expect(try await admin.follow(disabled)?.text.contains("The user was disabled and signed out everywhere") == true)

            #expect(try await editor.get("/records").status == 303)
            #expect(try await editor.post("/records", ["title": "x", "type": "event", "tracks": "sccp"]).status == 403)
            #expect(try await node.send("GET", "/v1/records", token: token).status == 401, "their tokens stop too")
            let again = try await WebBrowser.signInForm(node, ["username": "editor-user", "password": WebBrowser.password])
            #expect(again.status == 403)
            #expect(again.text.contains("disabled"))
            #expect(try await node.store.counts().records == 0)
        }
    }

    @Test func aReaderSeesNoEditControlsAndEveryWriteIs403() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let reader = try await WebBrowser.signIn(node, as: .reader)
            let page = try await reader.get("/records/\(id)")
            #expect(page.status == 200)
            for control in ["/edit\"", "/delete\"", "/resolve\"", "New record", "Sync now", "/admin/"] {
                #expect(!page.text.contains(control), "\(control)")
            }
            let version = try #require(try await node.store.state(id: id)).version.description
            let before = try await node.store.currentSequence()
            let forms: [(String, KeyValuePairs<String, String>)] = [
                ("/records", ["title": "x", "type": "event", "tracks": "sccp"]),
                ("/records/\(id)", ["version": version, "title": "Changed"]),
                ("/records/\(id)/delete", ["version": version]),
                ("/records/\(id)/resolve", ["version": version, "pick.title": "v0"]),
                ("/sync", [:]),
                ("/admin/users", ["name": "mallory", "role": "admin"]),
                ("/admin/users/reader-user", ["action": "role", "role": "admin"]),
                ("/admin/tokens", ["name": "mine", "role": "admin"]),
                ("/admin/tokens/editor-token/revoke", [:]),
                ("/admin/peers", ["name": "x", "url": "http://x", "token_file": "/etc/hostname"]),
            ]
            for (path, fields) in forms {
                #expect(try await reader.post(path, fields).status == 403, "\(path)")
            }
            for path in ["/admin/users", "/admin/tokens", "/records/new", "/records/\(id)/edit"] {
                #expect(try await reader.get(path).status == 403, "\(path)")
            }
            // Through the API with the reader's session, and with a token made for the reader.
            let session = try await node.send("POST", "/v1/session", json: #"{"name":"reader-user","password":"\#(WebBrowser.password)"}"#)
            #expect(session.status == 201)
            let cookie = try #require(WebBrowser.setCookie(node.sessionCookieName, in: session)).split(separator: ";")[0]
            let csrf = try #require(session.object["csrf"] as? String)
            let headers: [(name: String, value: String)] = [("Cookie", String(cookie)), ("X-CSRF-Token", csrf)]
            let token = try await node.store.createToken(name: "reader-script", role: .reader, account: "reader-user")
            for (method, path) in [
                ("POST", "/v1/records"), ("PATCH", "/v1/records/\(id)"), ("DELETE", "/v1/records/\(id)"),
                ("POST", "/v1/records/\(id)/resolve"), ("POST", "/v1/sync"), ("POST", "/v1/users"),
                ("PATCH", "/v1/users/reader-user"), ("POST", "/v1/tokens"),
            ] {
                #expect(try await node.send(method, path, json: "{}", headers: headers).status == 403, "\(method) \(path)")
                #expect(try await node.send(method, path, token: token, json: "{}").status == 403, "\(method) \(path)")
            }
            #expect(try await node.send("GET", "/v1/records", headers: headers).status == 200)
            #expect(try await node.store.currentSequence() == before)
        }
    }

    @Test func anAdminPageRefusedSaysItNeedsTheAdminRole() async throws {
        try await withNode { node in
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let reader = try await WebBrowser.signIn(node, as: .reader)
            for (browser, role) in [(editor, "editor"), (reader, "reader")] {
                for path in ["/admin/users", "/admin/tokens"] {
                    let page = try await browser.get(path)
                    #expect(page.status == 403, "\(path)")
                    #expect(page.text.contains("This page is for admins; your role (\(role)) cannot open it."), "\(role) \(path)")
                    #expect(!page.text.contains("may only read"), "\(role) \(path)")
                }
            }
            // An editor's page refused to a reader still names the editor role.
            #expect(try await reader.get("/records/new").text.contains("Ask an admin for the editor role to change records."))
        }
    }

    @Test func afterSignInOnlyLocalPathsAreFollowed() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .reader)
            let hostile = [
                "/\t/evil.example/x", "//evil.example/", "/\\evil.example", "https://evil.example/", "/x\ny",
                "/ /evil.example", "\t/x", "/x\u{0}y", "/x\u{7f}", "evil.example", "/x\\y",
            ]
            for next in hostile {
                let reply = try await browser.get("/login?next=" + WebBrowser.encode(next))
                #expect(reply.status == 303)
                #expect(reply.header("location") == "/", "\(next.debugDescription)")
                let posted = try await WebBrowser.signInForm(node, ["username": "reader-user", "password": WebBrowser.password, "next": next])
                // A form holding a NUL is refused whole (NULCharacterTests), so it leads nowhere either.
                if next.contains("\u{0}") {
                    #expect(posted.status == 400 && posted.header("location") == nil)
                } else {
                    #expect(posted.header("location") == "/", "\(next.debugDescription)")
                }
            }
            // The finding as reported: GET /login?next=/%09/evil.example/x.
            let reported = try await browser.get("/login?next=/%09/evil.example/x")
            #expect(reported.header("location") == "/")
            #expect(try await browser.get("/login?next=/records%3Fq%3Dlithium").header("location") == "/records?q=lithium")
        }
    }

    @Test func theSignInFormRefusesPostsWithoutItsOwnToken() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let fields: [(String, String)] = [("username", "asha"), ("password", WebBrowser.password)]
            let bare = try await WebBrowser.post(node, "/login", fields, cookie: nil)
            #expect(bare.status == 403)
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: bare) == nil)
            let forged = try await WebBrowser.post(
                node,
                "/login",
                fields + [("signin", String(repeating: "a", count: 64))],
                cookie: node.signInCookieName + "=" + String(repeating: "b", count: 64)
            )
            #expect(forged.status == 403)
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: forged) == nil)
            #expect(try await node.store.account(named: "asha")?.lastSignIn == nil)
            #expect(try await node.store.sessionCount(account: "asha") == 0)
        }
    }

    @Test func aFormSentAfterItsSessionEndedComesBackFilledAfterSigningIn() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let edit = try await browser.get("/records/\(id)/edit")
            let version = try #require(WebBrowser.hidden("version", in: edit.text))
            let loaded = try #require(WebBrowser.hidden("loaded", in: edit.text))
            try await node.store.endSession(id: String(browser.cookie.dropFirst(node.sessionCookieName.count + 1)))

            let late = try await browser.post("/records/\(id)", ["version": version, "loaded": loaded, "title": "Typed before the session ended"])
            #expect(late.status == 403)
            #expect(late.text.contains("nothing was saved yet"))
            let resume = try #require(WebBrowser.hidden("resume", in: late.text))
            #expect(!resume.contains(browser.csrf), "the old CSRF token is not carried")
            let back = try await WebBrowser.signInForm(
                node,
                [
                    "username": "editor-user", "password": WebBrowser.password, "resume_to": "/records/\(id)", "resume": resume,
                ]
            )
            #expect(back.status == 200)
            #expect(back.text.contains("Typed before the session ended"))
            #expect(WebBrowser.hidden("version", in: back.text) == version, "the edit keeps the version it was loaded with")

            // A new record typed into a form whose session ended: signed in again, it comes back and saves.
            let fields: KeyValuePairs<String, String> = [
                "title": "Graphite anode plant", "type": "investment", "office": "chennai", "status": "contacted",
                "tracks": "critical_minerals", "critical_minerals.mineral": "graphite",
            ]
            let cookie = try #require(WebBrowser.setCookie(node.sessionCookieName, in: back)).split(separator: ";")[0]
            try await node.store.endSession(id: String(cookie.dropFirst(node.sessionCookieName.count + 1)))
            let lateNew = try await WebBrowser.post(
                node,
                "/records",
                Array(fields).map { ($0.key, $0.value) } + [("csrf", browser.csrf)],
                cookie: String(cookie)
            )
            #expect(lateNew.status == 403)
            let refilled = try await WebBrowser.signInForm(
                node,
                [
                    "username": "editor-user", "password": WebBrowser.password, "resume_to": "/records",
                    "resume": try #require(WebBrowser.hidden("resume", in: lateNew.text)),
                ]
            )
            #expect(refilled.status == 200)
            #expect(refilled.text.contains("Graphite anode plant"))
            let newCookie = try #require(WebBrowser.setCookie(node.sessionCookieName, in: refilled)).split(separator: ";")[0]
            let again = WebBrowser(node: node, cookie: String(newCookie), csrf: try #require(WebBrowser.csrf(in: refilled.text)))
            #expect(try await node.store.counts().records == 1, "nothing was saved before signing in again")
            #expect(try await again.post("/records", fields).status == 303)
            #expect(try await node.store.counts().records == 2)
        }
    }

    /// A form another site has a signed-in editor's browser send carries no session cookie
    /// (`SameSite=Strict`): it was carried into the sign-in page as "what you typed", under a
    /// false "your session has ended", and filled the form the editor then saved.
    @Test func aFormFromAnotherSiteIsNotCarriedIntoTheSignInPage() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let forged = [("title", "Planted by another site"), ("status", "closed_lost"), ("version", "MXw")]
            for (cookie, site) in [(nil, nil), (browser.cookie, "cross-site"), (browser.cookie, "same-site")] as [(String?, String?)] {
                try await node.store.endSession(id: String(browser.cookie.dropFirst(node.sessionCookieName.count + 1)))
                let sent = try await WebBrowser.post(
                    node,
                    "/records/\(id)",
                    forged,
                    cookie: cookie,
                    headers: site.map { [("Sec-Fetch-Site", $0)] } ?? []
                )
                #expect(sent.status == 403)
                #expect(sent.text.contains("Sign in first: nothing was saved."), "\(sent.text)")
                #expect(!sent.text.contains("Planted by another site") && WebBrowser.hidden("resume", in: sent.text) == nil)
                #expect(!sent.text.contains("session has ended"))
            }
            // Nor through the sign-in form itself: one posted from another site, without this
            // page's sign-in token, comes back without what it carried.
            let posted = try await WebBrowser.post(
                node,
                "/login",
                [("resume_to", "/records/\(id)"), ("resume", "title=Planted+by+another+site"), ("next", "/records")],
                cookie: nil,
                headers: [("Sec-Fetch-Site", "cross-site")]
            )
            #expect(posted.status == 403)
            #expect(posted.text.contains("This sign-in form had expired"))
            #expect(!posted.text.contains("Planted by another site") && WebBrowser.hidden("resume", in: posted.text) == nil)
        }
    }

    /// Only a record form comes back after signing in again: a password form sent after its
    /// session ended was copied into the sign-in page, passwords and all.
    @Test func aPasswordFormIsNotCarriedIntoTheSignInPage() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            try await node.store.endSession(id: String(browser.cookie.dropFirst(node.sessionCookieName.count + 1)))
            let sent = try await WebBrowser.post(
                node,
                "/account/password",
                [("current", "my old secret pass"), ("new", "my new secret pass"), ("confirm", "my new secret pass")],
                cookie: browser.cookie,
                headers: [("Sec-Fetch-Site", "same-origin")]
            )
            #expect(sent.status == 403)
            #expect(!sent.text.contains("secret pass") && WebBrowser.hidden("resume", in: sent.text) == nil, "\(sent.text)")
        }
    }

    @Test func aOneTimePasswordMustBeChangedFirstAndAChangeEndsOtherSessions() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            let added = try await admin.post("/admin/users", ["name": "priya", "display_name": "Priya Nair", "role": "editor"])
            #expect(added.status == 200)
            let password = try #require(Self.oneTimePassword(in: added.text))
            let first = try await WebBrowser.signInForm(node, ["username": "priya", "password": password])
            #expect(first.header("location") == "/account/password")
            let cookie = String(try #require(WebBrowser.setCookie(node.sessionCookieName, in: first)).split(separator: ";")[0])
            #expect(try await node.send("GET", "/records", headers: [("Cookie", cookie)]).header("location") == "/account/password")
            let page = try await node.send("GET", "/account/password", headers: [("Cookie", cookie)])
            let csrf = try #require(WebBrowser.csrf(in: page.text))
            let short = try await WebBrowser.post(
                node,
                "/account/password",
                ["csrf": csrf, "new": "too short", "confirm": "too short"],
                cookie: cookie
            )
            #expect(short.status == 400)
            #expect(short.text.contains("at least 12 characters"))
            // The one-time password was spent by the first sign-in.
            #expect(try await WebBrowser.signInForm(node, ["username": "priya", "password": password]).status == 401)
            let otherCookie = node.sessionCookieName + "=" + (try await node.store.startSession(account: "priya"))
            let changed = try await WebBrowser.post(
                node,
                "/account/password",
                ["csrf": csrf, "new": "my own long password", "confirm": "my own long password"],
                cookie: cookie
            )
            #expect(changed.status == 303)
            #expect(try await node.send("GET", "/records", headers: [("Cookie", otherCookie)]).status == 303, "other browsers signed out")
            let now = String(try #require(WebBrowser.setCookie(node.sessionCookieName, in: changed)).split(separator: ";")[0])
            let records = try await node.send("GET", "/records", headers: [("Cookie", now)])
            #expect(records.status == 200)
            #expect(records.text.contains("Priya Nair"))
            #expect(try await WebBrowser.signInForm(node, ["username": "priya", "password": password]).status == 401)
        }
    }

    @Test func adminsManageRolesTokensAndPeersInThePage() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            _ = try await WebBrowser.signIn(node, as: .reader)
            let promoted = try await admin.post("/admin/users/reader-user", ["action": "role", "role": "editor"])
            #expect(promoted.status == 303 && promoted.header("location") == "/admin/users?done=role")
            #expect(try await node.store.account(named: "reader-user")?.role == .editor)
            let selfDisable = try await admin.post("/admin/users/admin-user", ["action": "disable"])
            #expect(selfDisable.status == 400)
            let stamp = try #require(try await node.store.account(named: "reader-user")?.passwordStamp)
            let reset = try await admin.post("/admin/users/reader-user", ["action": "reset", "password_stamp": stamp])
            let password = try #require(Self.oneTimePassword(in: reset.text))
            #expect(
                try await WebBrowser.signInForm(node, ["username": "reader-user", "password": password]).header("location")
                    == "/account/password"
            )

            let made = try await admin.post("/admin/tokens", ["name": "ravi-script", "role": "editor", "user": "reader-user"])
            #expect(made.status == 200)
            let range = try #require(made.text.range(of: #"<code class="new-token">[A-Za-z0-9_-]{43}</code>"#, options: .regularExpression))
            let token = String(made.text[range].dropFirst(#"<code class="new-token">"#.count).prefix(43))
            #expect(try await node.send("GET", "/v1/records", token: token).status == 200)
            #expect(try await admin.post("/admin/tokens", ["name": "too-much", "role": "admin", "user": "reader-user"]).status == 400)
            #expect(try await admin.post("/admin/tokens/ravi-script/revoke", [:]).header("location") == "/admin/tokens?done=revoked")
            #expect(try await node.send("GET", "/v1/records", token: token).status == 401)

            try FileManager.default.createDirectory(at: node.store.peerTokenDirectory, withIntermediateDirectories: true)
            let tokenFile = node.store.peerTokenDirectory.appendingPathComponent("chennai.token")
            try (node.token(.peer) + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(
                at: node.directory.appendingPathComponent("liaison.sqlite"),
                to: node.store.peerTokenDirectory.appendingPathComponent("not-a-token")
            )
            #expect(
                try await admin.post("/admin/peers", ["name": "chennai", "url": "http://127.0.0.1:9", "token_file": "not-a-token"]).status == 400
            )
            let added = try await admin.post("/admin/peers", ["name": "chennai", "url": "http://127.0.0.1:9", "token_file": tokenFile.path])
            #expect(added.status == 303 && added.header("location") == "/sync?done=peeradded")
            #expect(try await admin.follow(added)?.text.contains("Remove chennai") == true)
            #expect(try await node.store.peers().map(\.name) == ["chennai"])
            #expect(try await admin.post("/admin/peers/chennai/remove", [:]).header("location") == "/sync?done=peerremoved")
            #expect(try await node.store.peers().isEmpty)
        }
    }

    /// A role that is none of the roles (the page's own form sent with `role=superuser`) is
    /// refused naming it and listing the roles, as `PATCH /v1/users/{name}` does; nothing
    /// changes, and a refused new user's form comes back filled.
    @Test func aRoleThatIsNoneOfTheRolesIsRefusedListingThem() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            _ = try await WebBrowser.signIn(node, as: .reader)
            let says = "invalid role &quot;superuser&quot;: role must be one of reader, editor, admin."
            let changed = try await admin.post("/admin/users/reader-user", ["action": "role", "role": "superuser"])
            #expect(changed.status == 400)
            #expect(changed.text.contains("Nothing was changed: \(says)"), "\(changed.text)")
            let peer = try await admin.post("/admin/users/reader-user", ["action": "role", "role": "peer"])
            #expect(peer.status == 400 && peer.text.contains("invalid role &quot;peer&quot;"), "\(peer.text)")
            #expect(try await node.store.account(named: "reader-user")?.role == .reader)
            let api = try await node.send("PATCH", "/v1/users/reader-user", token: node.token(.admin), json: #"{"role":"superuser"}"#)
            #expect(api.status == 400 && api.object["error"] as? String == "invalid role \"superuser\"", "\(api.text)")

            let added = try await admin.post("/admin/users", ["name": "priya", "display_name": "Priya Nair", "role": "superuser"])
            #expect(added.status == 400)
            #expect(added.text.contains("The user was not added: \(says)"), "\(added.text)")
            #expect(added.text.contains(#"name="name" value="priya""#) && added.text.contains(#"name="display_name" value="Priya Nair""#))
            #expect(try await node.store.account(named: "priya") == nil)

            let token = try await admin.post("/admin/tokens", ["name": "ci-script", "role": "superuser"])
            #expect(token.status == 400)
            #expect(token.text.contains("No token was made: invalid role &quot;superuser&quot;: role must be one of reader, editor, admin, peer."))
            #expect(try await node.store.tokens().allSatisfy { $0.name != "ci-script" })
        }
    }

    /// The one-time password an admin page shows.
    static func oneTimePassword(in page: String) -> String? {
        guard let range = page.range(of: #"class="one-time-password" data-user="[^"]*">[A-Za-z0-9]{20}<"#, options: .regularExpression)
        else { return nil }
        return String(page[range].dropLast().suffix(20))
    }
}
