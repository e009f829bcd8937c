import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Counted nouns and articles the pages and refusals got wrong: "Wait 1 seconds",
/// "will create 1 records", "kavya is a editor".
@Suite("Messages count and name things in good English")
struct WordingTests {
    /// The wait left, rounded up, is 1 s in the last second of a 3 s wait: a try refused with
    /// a longer wait is made again that much later (a refused try counts no failure).
    @Test func aOneSecondWaitIsOneSecond() async throws {
        try await withSignInBackoff(3) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            for _ in 1...5 {
                #expect(try await WebBrowser.signInForm(node, ["username": "asha", "password": "a wrong password"]).status == 401)
            }
            let refused = try await Self.oneSecondLeft {
                try await WebBrowser.signInForm(node, ["username": "asha", "password": "a wrong password"])
            }
            #expect(refused?.text.contains("Wait 1 second, then try again.") == true, "\(refused?.text ?? "never 1 s")")
        }
        try await withSignInBackoff(3) { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let wrong: KeyValuePairs<String, String> = [
                "current": "a wrong password", "new": "a brand new password", "confirm": "a brand new password",
            ]
            for _ in 1...5 { #expect(try await browser.post("/account/password", wrong).status == 400) }
            let refused = try await Self.oneSecondLeft { try await browser.post("/account/password", wrong) }
            #expect(refused?.text.contains("Wait 1 second, then try again.") == true, "\(refused?.text ?? "never 1 s")")
        }
    }

    /// The first answer of `attempt` that is a 429 with 1 s left, trying again as each refusal says.
    static func oneSecondLeft(_ attempt: () async throws -> Reply) async throws -> Reply? {
        for _ in 1...30 {
            let reply = try await attempt()
            // The password page says the wait only in its text.
            let said = reply.text.firstMatch(of: /Wait (\d+) second/).flatMap { Int($0.1) }
            guard reply.status == 429, let wait = reply.header("retry-after").flatMap(Int.init) ?? said else { continue }
            if wait == 1 { return reply }
            // The wait said is the time left rounded up: `wait` − 1 to `wait` seconds when the
            // answer was made. Sleeping `wait` − 1.9 s makes the next try with 0.9 to 1.9 s left,
            // less what the answers took: one that finds more than a second says 2 and goes again
            // 0.1 s later, so the tries come down on the last second from above, and only answers
            // slower than 0.9 s (a loaded machine's) can miss it.
            try await Task.sleep(for: .seconds(Double(wait) - 1.9))
        }
        return nil
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
