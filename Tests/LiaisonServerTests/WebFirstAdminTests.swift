import Foundation
import LiaisonStore
import Testing

@Suite("Web: a node with no account says on its sign-in page how to make the first admin")
struct WebFirstAdminTests {
    @Test func theSignInPageGivesTheCommandUntilAnAccountExists() async throws {
        try await withNode { node in
            let command = "liaison user add NAME --role admin --data \(node.directory.standardizedFileURL.path)"
            let page = try await node.send("GET", "/login")
            #expect(page.text.contains("This node has no user accounts yet") && page.text.contains("<code>\(command)</code>"), "\(page.text)")
            let tried = try await WebBrowser.signInForm(node, ["username": "admin", "password": "a guess at a password"])
            #expect(tried.status == 401 && tried.text.contains("<code>\(command)</code>"))

            try await node.store.addAccount(name: "asha", role: .admin, password: WebBrowser.password)
            #expect(!(try await node.send("GET", "/login").text.contains("no user accounts")))
        }
    }
}
