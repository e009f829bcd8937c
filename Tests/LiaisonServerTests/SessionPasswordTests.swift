import Foundation
import GRDB
import LiaisonHTTP
import LiaisonStore
import TestProcesses
import Testing

@Suite("PATCH /v1/session: an API client chooses its own password, by the web page's rules")
struct SessionPasswordTests {
    /// Signs `name` in with `password`; returns the session's cookie and CSRF token.
    static func signIn(_ node: TestNode, _ name: String, _ password: String) async throws -> (cookie: String, csrf: String) {
        let reply = try await node.send("POST", "/v1/session", json: #"{"name":"\#(name)","password":"\#(password)"}"#)
        #expect(reply.status == 201, "\(reply.text)")
        let cookie = String(try #require(WebBrowser.setCookie(node.sessionCookieName, in: reply)).split(separator: ";")[0])
        return (cookie, try #require(reply.object["csrf"] as? String))
    }

    static func change(_ node: TestNode, _ session: (cookie: String, csrf: String), _ json: String) async throws -> Reply {
        try await node.send("PATCH", "/v1/session", json: json, headers: [("Cookie", session.cookie), ("X-CSRF-Token", session.csrf)])
    }

    @Test func aOneTimePasswordSessionChoosesAPasswordAndThenOpensTheAPI() async throws {
        try await withNode { node in
            let added = try await node.send("POST", "/v1/users", token: node.token(.admin), json: #"{"name":"rd","role":"reader"}"#)
            let session = try await Self.signIn(node, "rd", try #require(added.object["password"] as? String))
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", session.cookie)]).status == 403)

            let noCSRF = try await node.send(
                "PATCH",
                "/v1/session",
                json: #"{"password":"a long new password"}"#,
                headers: [("Cookie", session.cookie)]
            )
            #expect(noCSRF.status == 403 && noCSRF.error.contains("X-CSRF-Token"), "\(noCSRF.text)")
            let unknown = try await Self.change(node, session, #"{"password":"a long new password","confirm":"x"}"#)
            #expect(unknown.status == 400 && unknown.error.contains("\"confirm\""), "\(unknown.text)")
            let short = try await Self.change(node, session, #"{"password":"too short"}"#)
            #expect(short.status == 400 && short.error.contains("at least \(PasswordHash.minimumLength) characters"), "\(short.text)")
            let long = try await Self.change(node, session, #"{"password":"\#(String(repeating: "x", count: PasswordHash.maximumBytes + 1))"}"#)
            #expect(long.status == 400 && long.error.contains("at most \(PasswordHash.maximumBytes) bytes"), "\(long.text)")

            let changed = try await Self.change(node, session, #"{"password":"a long new password"}"#)
            #expect(changed.status == 200, "\(changed.text)")
            #expect(changed.object["must_change_password"] as? Bool == false)
            let cookie = String(try #require(WebBrowser.setCookie(node.sessionCookieName, in: changed)).split(separator: ";")[0])
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", cookie)]).status == 200, "the new session opens the API")
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", session.cookie)]).status == 401, "the old one ended")
            _ = try await Self.signIn(node, "rd", "a long new password")
        }
    }

    @Test func aNormalSessionMustGiveItsCurrentPassword() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let session = try await Self.signIn(node, "asha", WebBrowser.password)

            let missing = try await Self.change(node, session, #"{"password":"a long new password"}"#)
            #expect(missing.status == 400 && missing.error.contains("current_password is required"), "\(missing.text)")
            let wrong = try await Self.change(node, session, #"{"current_password":"not my password","password":"a long new password"}"#)
            #expect(wrong.status == 403 && wrong.error.contains("not right"), "\(wrong.text)")
            let same = try await Self.change(node, session, #"{"current_password":"\#(WebBrowser.password)","password":"\#(WebBrowser.password)"}"#)
            #expect(same.status == 400 && same.error.contains("differs"), "\(same.text)")
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", session.cookie)]).status == 200, "nothing changed yet")

            let changed = try await Self.change(node, session, #"{"current_password":"\#(WebBrowser.password)","password":"a long new password"}"#)
            #expect(changed.status == 200, "\(changed.text)")
            let old = try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"\#(WebBrowser.password)"}"#)
            #expect(old.status == 401, "the old password no longer signs in")
            _ = try await Self.signIn(node, "asha", "a long new password")
        }
    }

    @Test func aCurrentPasswordTheBusyStoreCouldNotCheckIsNoWrongOne() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let session = try await Self.signIn(node, "asha", WebBrowser.password)
            let right = #"{"current_password":"\#(WebBrowser.password)","password":"a long new password"}"#
            // Another process (a `liaison import`) holds the store: the current password cannot be checked.
            let other = try await HeldStoreLock.take(path: node.directory.appendingPathComponent(LiaisonStore.fileName).path)
            let busy = try await Self.change(node, session, right)
            try await other.release()
            #expect(busy.status == 503, "\(busy.text)")
            // Four typos: with the busy try counted as a fifth failure, the right password would wait.
            for _ in 0..<(SignInThrottle.freeFailures - 1) {
                let wrong = try await Self.change(node, session, #"{"current_password":"not my password","password":"a long new password"}"#)
                #expect(wrong.status == 403, "\(wrong.text)")
            }
            let changed = try await Self.change(node, session, right)
            #expect(changed.status == 200, "\(changed.text)")
        }
    }

    /// A signed-in person's page records its use once a minute, a write; the page is a read, and
    /// answers whether or not the store can take that write now (here another process holds the
    /// store's write lock; a full disk refuses it the same way).
    @Test func aSignedInReadAnswersWhileTheStoreCannotWrite() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let session = try await Self.signIn(node, "asha", WebBrowser.password)
            let file = node.directory.appendingPathComponent(LiaisonStore.fileName).path
            let queue = try DatabaseQueue(path: file)
            defer { try? queue.close() }
            func lastSeen() async throws -> Int64 {
                try await queue.read { db in try Int64.fetchOne(db, sql: "SELECT max(last_seen) FROM session")! }
            }
            // Its use last recorded two minutes ago: this request records it again.
            try await queue.write { db in try db.execute(sql: "UPDATE session SET last_seen = last_seen - 120000") }
            let before = try await lastSeen()

            let other = try await HeldStoreLock.take(path: file)
            let read = try await node.send("GET", "/v1/records", headers: [("Cookie", session.cookie)])
            let page = try await node.send("GET", "/records", headers: [("Cookie", session.cookie)])
            try await other.release()
            #expect(read.status == 200, "\(read.text)")
            #expect(page.status == 200 && page.text.contains("Signed in as"), "\(page.status)")
            // The use is recorded once the store can write again.
            var after = before
            for _ in 0..<300 where after == before {
                try await Task.sleep(for: .milliseconds(100))
                after = try await lastSeen()
            }
            #expect(after > before)
        }
    }

    @Test func wrongCurrentPasswordsAreSlowedAsSignInsAre() async throws {
        // A wait far longer than a try takes: with a node's 1 s, on a machine busy with every
        // other suite, each wrong try came after the wait its predecessor set had ended.
        try await withSignInBackoff(60) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let session = try await Self.signIn(node, "asha", WebBrowser.password)
            var statuses: [Int] = []
            for _ in 0..<8 {
                let reply = try await Self.change(node, session, #"{"current_password":"not my password","password":"a long new password"}"#)
                statuses.append(reply.status)
                if reply.status == 429 { #expect(reply.header("Retry-After") != nil) }
            }
            #expect(statuses.contains(429), "\(statuses)")
        }
    }

    @Test func withoutASessionItIs401() async throws {
        try await withNode { node in
            let reply = try await node.send("PATCH", "/v1/session", token: node.token(.admin), json: #"{"password":"a long new password"}"#)
            #expect(reply.status == 401 && reply.error.contains("POST /v1/session"), "\(reply.text)")
        }
    }
}
