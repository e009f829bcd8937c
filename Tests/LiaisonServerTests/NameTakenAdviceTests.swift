import LiaisonStore
import Testing

/// A name another user or token has is refused with the way out that the caller has: an API
/// client is told the route, the page its button, never a command of a shell it may not have.
@Suite("A name taken: the API points to its routes, the page to its buttons")
struct NameTakenAdviceTests {
    @Test func theAPINamesRoutes() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"asha","role":"editor"}"#).status == 201)
            #expect(try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"ci","role":"reader"}"#).status == 201)
            let cases: [(path: String, json: String, advice: String)] = [
                ("/v1/users", #"{"name":"Asha","role":"reader"}"#, "change them with PATCH /v1/users/asha, or choose another name"),
                ("/v1/users", #"{"name":"ci","role":"reader"}"#, "revoke it (DELETE /v1/tokens/ci)"),
                ("/v1/tokens", #"{"name":"asha","role":"reader"}"#, #"make the token for them ("user": "asha")"#),
            ]
            for (path, json, advice) in cases {
                let refused = try await node.send("POST", path, token: admin, json: json)
                #expect(refused.status == 400 && refused.error.contains(advice), "\(refused.text)")
                #expect(!refused.error.contains("liaison ") && !refused.error.contains("--user"), "\(refused.text)")
            }
        }
    }

    @Test func thePageNamesItsButtons() async throws {
        try await withNode { node in
            let page = try await WebBrowser.signIn(node, as: .admin)
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            _ = try await node.store.createToken(name: "ci", role: .reader)
            let user = try await page.post("/admin/users", ["name": "CI", "role": "reader"])
            #expect(user.status == 400 && user.text.contains("Revoke it on the API tokens page"), "\(user.text)")
            let token = try await page.post("/admin/tokens", ["name": "asha", "role": "reader"])
            #expect(token.status == 400 && token.text.contains("Make the token act for asha (Acts for)"), "\(token.text)")
            for reply in [user, token] {
                #expect(!reply.text.contains("liaison token") && !reply.text.contains("--user") && !reply.text.contains("/v1/"))
            }
        }
    }
}
