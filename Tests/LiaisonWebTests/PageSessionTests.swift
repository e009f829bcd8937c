import Foundation
import Hummingbird
import HummingbirdTesting
import LiaisonStore
import Testing

/// The page's session and CSRF check (`WebSessionMiddleware`) and its cookies, through the
/// page's routes answered in process.
@Suite("Web page: sessions, CSRF and cookies")
struct PageSessionTests {
    /// A record the editor form accepts.
    static let record = [
        ("title", "Graphite anode plant"), ("type", "investment"), ("office", "chennai"), ("status", "contacted"),
        ("tracks", "critical_minerals"), ("critical_minerals.mineral", "graphite"),
    ]

    @Test func aPageWithoutASessionSendsToSignInAndBack() async throws {
        try await PageFixture.run { page in
            let reply = try await page.get("/records?q=graphite")
            #expect(reply.status == .seeOther)
            let location = try #require(reply.headers[.location])
            let next = URLComponents(string: location)?.queryItems?.first { $0.name == "next" }?.value
            #expect(location.hasPrefix("/login?") && next == "/records?q=graphite")
            #expect(try await page.get("/admin/users").status == .seeOther)
            #expect(try await page.get("/records", cookie: page.sessionCookieName + "=forged").status == .seeOther)
        }
    }

    @Test func signInAndStaticAssetsNeedNoSession() async throws {
        try await PageFixture.run { page in
            let signIn = try await page.get("/login")
            #expect(signIn.status == .ok)
            let token = try #require(PageFixture.setCookie(page.signInCookieName, in: signIn))
            #expect(PageFixture.attributes(token).isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/login", "Max-Age=3600"]))
            #expect(try await page.get("/static/liaison.css").status == .ok)
            #expect(try await page.get("/static/liaison.js").status == .ok)
        }
    }

    @Test func signingInSetsTheSessionCookie() async throws {
        try await PageFixture.run { page in
            let reply = try await page.signInForm(["username": "reader-user", "password": PageFixture.password, "next": "/conflicts"])
            #expect(reply.status == .seeOther)
            #expect(reply.headers[.location] == "/conflicts")
            let session = try #require(PageFixture.setCookie(page.sessionCookieName, in: reply))
            let week = Int(SessionLimits.absolute / 1000)
            #expect(PageFixture.attributes(session) == ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=\(week)"])
            let cleared = try #require(PageFixture.setCookie(page.signInCookieName, in: reply))
            #expect(PageFixture.attributes(cleared).isSuperset(of: ["Path=/login", "Max-Age=0"]))
            let cookie = String(session.split(separator: ";")[0])
            #expect(try await page.get("/records", cookie: cookie).status == .ok)
        }
    }

    @Test func cookiesAreSecureWhenTheNodeServesHTTPS() async throws {
        try await PageFixture.run(secureCookies: true) { page in
            let reply = try await page.signInForm(["username": "reader-user", "password": PageFixture.password])
            let session = try #require(PageFixture.setCookie(page.sessionCookieName, in: reply))
            #expect(PageFixture.attributes(session).contains("Secure"))
        }
    }

    @Test func aWrongPasswordOrAMissingSignInTokenSetsNoSession() async throws {
        try await PageFixture.run { page in
            let wrong = try await page.signInForm(["username": "reader-user", "password": "not the password at all"])
            #expect(wrong.status == .unauthorized)
            #expect(PageFixture.setCookie(page.sessionCookieName, in: wrong) == nil)
            let forged = try await page.post("/login", [("username", "reader-user"), ("password", PageFixture.password)])
            #expect(forged.status == .forbidden)
            #expect(PageFixture.setCookie(page.sessionCookieName, in: forged) == nil)
        }
    }

    @Test func aFormWithoutTheRightCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await PageFixture.run { page in
            let editor = try #require(try await page.signIn(as: .editor))
            let missing = try await page.post("/records", Self.record, cookie: editor.cookie)
            #expect(missing.status == .forbidden)
            let wrong = try await page.post("/records", Self.record + [("csrf", String(repeating: "0", count: 64))], cookie: editor.cookie)
            #expect(wrong.status == .forbidden)
            #expect(try await page.store.counts().records == 0)
            let right = try await page.post("/records", Self.record + [("csrf", editor.csrf)], cookie: editor.cookie)
            #expect(right.status == .seeOther)
            #expect(right.headers[.location]?.hasPrefix("/records/") == true)
            #expect(try await page.store.counts().records == 1)
        }
    }

    @Test func aRoleBelowTheRoutesIsRefusedAndChangesNothing() async throws {
        try await PageFixture.run { page in
            let reader = try #require(try await page.signIn(as: .reader))
            #expect(try await page.post("/records", Self.record + [("csrf", reader.csrf)], cookie: reader.cookie).status == .forbidden)
            #expect(try await page.get("/records/new", cookie: reader.cookie).status == .forbidden)
            #expect(try await page.get("/admin/users", cookie: reader.cookie).status == .forbidden)
            #expect(try await page.store.counts().records == 0)
        }
    }

    /// Only a form whose session ended (its cookie still sent) comes back filled after signing
    /// in (AccountWebTests); one with no session cookie at all is what another site can have a
    /// browser send, and gets the sign-in page alone.
    @Test func aFormSentWithoutASessionCookieGetsTheSignInPageAlone() async throws {
        try await PageFixture.run { page in
            let reply = try await page.post("/records", Self.record + [("csrf", String(repeating: "0", count: 64))])
            #expect(reply.status == .forbidden)
            #expect(PageFixture.hidden("resume", in: reply) == nil)
            #expect(PageFixture.setCookie(page.signInCookieName, in: reply) != nil)
            #expect(try await page.store.counts().records == 0)
        }
    }

    @Test func signingOutClearsTheCookieAndEndsTheSession() async throws {
        try await PageFixture.run { page in
            let reader = try #require(try await page.signIn(as: .reader))
            #expect(try await page.post("/logout", [], cookie: reader.cookie).status == .forbidden, "sign-out needs the CSRF token too")
            let out = try await page.post("/logout", [("csrf", reader.csrf)], cookie: reader.cookie)
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login?done=signedout")
            let cleared = try #require(PageFixture.setCookie(page.sessionCookieName, in: out))
            #expect(cleared.hasPrefix(page.sessionCookieName + "=;") && PageFixture.attributes(cleared).contains("Max-Age=0"))
            #expect(try await page.get("/records", cookie: reader.cookie).status == .seeOther, "the old cookie no longer signs in")
        }
    }
}
