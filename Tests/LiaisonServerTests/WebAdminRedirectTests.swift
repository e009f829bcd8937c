import Foundation
import LiaisonStore
import Testing

/// The admin forms answer a change with 303 to the page that shows it, saying what was done
/// (Post/Redirect/Get): reloading that page changes nothing again. A form whose answer shows a
/// secret once answers the page itself; sent again (a reload), it is refused and the secret
/// shown first stays good.
@Suite("Web: admin forms redirect after a change")
struct WebAdminRedirectTests {
    @Test func userChangesRedirectToTheUsersPageSayingWhatWasDone() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            _ = try await WebBrowser.signIn(node, as: .reader)
            let changes: [(fields: KeyValuePairs<String, String>, done: String, says: String)] = [
                (["action": "role", "role": "editor"], "role", "The user&#39;s role was changed"),
                (["action": "disable"], "disabled", "The user was disabled and signed out everywhere"),
                (["action": "enable"], "enabled", "The user was enabled"),
                (["action": "unlock"], "unlocked", "The user can sign in at once"),
            ]
            for change in changes {
                let answer = try await admin.post("/admin/users/reader-user", change.fields)
                #expect(answer.status == 303 && answer.header("location") == "/admin/users?done=\(change.done)", "\(change.done)")
                let page = try #require(try await admin.follow(answer))
                #expect(page.status == 200 && page.text.contains(change.says), "\(change.done): \(page.text)")
            }
            #expect(try await node.store.account(named: "reader-user")?.role == .editor)
            // A failed change still answers the form with why.
            let refused = try await admin.post("/admin/users/admin-user", ["action": "disable"])
            #expect(refused.status == 400 && refused.header("location") == nil)
        }
    }

    @Test func aResetSentTwiceResetsOnceAndTheFirstPasswordStaysGood() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            _ = try await WebBrowser.signIn(node, as: .reader)
            let users = try await admin.get("/admin/users").text
            let row = try #require(users.range(of: "<span class=\"muted\">reader-user</span>")).upperBound
            let stamp = try #require(WebBrowser.hidden("password_stamp", in: String(users[row...])))
            let form: KeyValuePairs<String, String> = ["action": "reset", "password_stamp": stamp]

            let reset = try await admin.post("/admin/users/reader-user", form)
            #expect(reset.status == 200, "the one-time password is shown in the answer, never put in a URL")
            #expect(reset.header("location") == nil)
            let password = try #require(AccountWebTests.oneTimePassword(in: reset.text))
            let reloaded = try await admin.post("/admin/users/reader-user", form)
            #expect(reloaded.status == 409 && reloaded.text.contains("was changed since that page was loaded"), "\(reloaded.text)")
            #expect(AccountWebTests.oneTimePassword(in: reloaded.text) == nil)
            let signIn = try await WebBrowser.signInForm(node, ["username": "reader-user", "password": password])
            #expect(signIn.header("location") == "/account/password", "the password shown first still works")
        }
    }

    @Test func aNewUserOrTokenSentTwiceIsMadeOnce() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            let fields: KeyValuePairs<String, String> = ["name": "priya", "role": "editor"]
            let added = try await admin.post("/admin/users", fields)
            #expect(added.status == 200)
            let password = try #require(AccountWebTests.oneTimePassword(in: added.text))
            let again = try await admin.post("/admin/users", fields)
            #expect(again.status == 400 && again.text.contains("The user was not added"), "\(again.text)")
            #expect(try await WebBrowser.signInForm(node, ["username": "priya", "password": password]).status == 303)

            let token: KeyValuePairs<String, String> = ["name": "ci-script", "role": "reader"]
            let made = try await admin.post("/admin/tokens", token)
            #expect(made.status == 200 && made.text.contains("class=\"new-token\""))
            let madeAgain = try await admin.post("/admin/tokens", token)
            #expect(madeAgain.status == 400 && !madeAgain.text.contains("class=\"new-token\""), "\(madeAgain.text)")
            #expect(try await node.store.tokens().filter { $0.name == "ci-script" }.count == 1)

            let revoked = try await admin.post("/admin/tokens/ci-script/revoke", [:])
            #expect(revoked.status == 303 && revoked.header("location") == "/admin/tokens?done=revoked")
            let tokens = try #require(try await admin.follow(revoked))
            #expect(tokens.text.contains("The token was revoked: it no longer works.") && !tokens.text.contains("<strong>ci-script</strong>"))
        }
    }

    @Test func peerFormsRedirectToTheSyncPage() async throws {
        try await withNode { node in
            try FileManager.default.createDirectory(at: node.store.peerTokenDirectory, withIntermediateDirectories: true)
            try (node.token(.peer) + "\n").write(
                to: node.store.peerTokenDirectory.appendingPathComponent("chennai.token"),
                atomically: true,
                encoding: .utf8
            )
            let admin = try await WebBrowser.signIn(node, as: .admin)
            let added = try await admin.post("/admin/peers", ["name": "chennai", "url": "http://127.0.0.1:9", "token_file": "chennai.token"])
            #expect(added.status == 303 && added.header("location") == "/sync?done=peeradded")
            let page = try #require(try await admin.follow(added)).text
            #expect(page.contains("The peer was added") && page.contains("Remove chennai"))
            let refused = try await admin.post("/admin/peers", ["name": "kolkata", "url": "http://127.0.0.1:9", "token_file": "nowhere"])
            #expect(refused.status == 400 && refused.text.contains("The peer was not added"))

            let removed = try await admin.post("/admin/peers/chennai/remove", [:])
            #expect(removed.status == 303 && removed.header("location") == "/sync?done=peerremoved")
            #expect(try await admin.follow(removed)?.text.contains("The peer was removed") == true)
            #expect(try await node.store.peers().isEmpty)
        }
    }
}
