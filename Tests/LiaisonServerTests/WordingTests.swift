import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Counted nouns and articles the pages and refusals got wrong: "Wait 1 seconds",
/// "will create 1 records", "kavya is a editor".
@Suite("Messages count and name things in good English")
struct WordingTests {
    /// A first wait of 1 s: the sixth try, at once after five failures, is told to wait 1 second.
    @Test func aOneSecondWaitIsOneSecond() async throws {
        try await withSignInBackoff(1) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            for _ in 1...5 {
                #expect(try await WebBrowser.signInForm(node, ["username": "asha", "password": "a wrong password"]).status == 401)
            }
            let sixth = try await WebBrowser.signInForm(node, ["username": "asha", "password": "a wrong password"])
            #expect(sixth.status == 429 && sixth.header("retry-after") == "1")
            #expect(sixth.text.contains("Wait 1 second, then try again."), "\(sixth.text)")
        }
        try await withSignInBackoff(1) { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let wrong: KeyValuePairs<String, String> = [
                "current": "a wrong password", "new": "a brand new password", "confirm": "a brand new password",
            ]
            for _ in 1...5 { #expect(try await browser.post("/account/password", wrong).status == 400) }
            let sixth = try await browser.post("/account/password", wrong)
            #expect(sixth.status == 429)
            #expect(sixth.text.contains("Wait 1 second, then try again."), "\(sixth.text)")
        }
    }

    @Test func anImportOfOneRowWillCreateOneRecord() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let preview = try await browser.post(
                "/import",
                ["csv": "Title;Type;Tracks\r\nFab JV;Investment;Semiconductors\r\n", "name": "one.csv", "map": ""]
            )
            #expect(preview.status == 200)
            #expect(preview.text.contains("will create 1 record, update 0"), "\(preview.text)")
            #expect(preview.text.contains("Import 1 record") && !preview.text.contains("1 records"), "\(preview.text)")
        }
    }

    @Test func aTokenAboveItsUsersRoleNamesTheRoleWithItsArticle() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "kavya", role: .editor, password: WebBrowser.password)
            let refused = try await node.send("POST", "/v1/tokens", token: node.token(.admin), json: #"{"name":"k","role":"admin","user":"kavya"}"#)
            #expect(refused.status == 400 && refused.error == "kavya is an editor; a token for them may not be admin", "\(refused.text)")
        }
    }
}
