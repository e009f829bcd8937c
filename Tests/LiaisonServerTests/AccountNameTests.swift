import LiaisonStore
import Testing

@Suite("Names of users and tokens: one space of authors, no case twins, no dots alone")
struct AccountNameTests {
    @Test func aTokenWithoutAUserMayNotTakeAUsersNameNorAUserATokens() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"victim","role":"editor"}"#).status == 201)
            for name in ["victim", "Victim"] {
                let token = try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"\#(name)","role":"admin"}"#)
                #expect(
                    token.status == 400 && token.error.contains(#"user named "victim""#) && token.error.contains(#""user": "victim""#),
                    "\(token.text)"
                )
            }
            let forVictim = try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"victim","role":"editor","user":"victim"}"#)
            #expect(forVictim.status == 201, "a token made for the user may carry their name")

            #expect(try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"ci","role":"reader"}"#).status == 201)
            for name in ["ci", "CI"] {
                let user = try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"\#(name)","role":"reader"}"#)
                #expect(user.status == 400 && user.error.contains(#"token named "ci""#) && user.error.contains("revoke"), "\(user.text)")
            }
            #expect(try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"Ci","role":"reader"}"#).status == 400)
            #expect(try await node.store.account(named: "ci") == nil)
            #expect(try await node.store.account(named: "CI") == nil)
        }
    }

    @Test func namesDifferingOnlyByCaseAreRefusedNamingTheOther() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"Rd","role":"reader"}"#).status == 201)
            let twin = try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"rd","role":"reader"}"#)
            #expect(twin.status == 400 && twin.error.contains(#""Rd""#) && twin.error.contains("case"), "\(twin.text)")
            #expect(try await node.store.account(named: "rd") == nil)
        }
    }

    @Test func namesOfDotsAloneAreRefusedByTheAPIAndThePage() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            for name in [".", "..", "..."] {
                let user = try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"\#(name)","role":"reader"}"#)
                #expect(user.status == 400 && user.error.contains("only dots"), "\(user.text)")
                let token = try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"\#(name)","role":"reader"}"#)
                #expect(token.status == 400 && token.error.contains("only dots"), "\(token.text)")
            }
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"a.b","role":"reader"}"#).status == 201)

            let page = try await WebBrowser.signIn(node, as: .admin)
            let dots = try await page.post("/admin/users", ["name": "..", "role": "reader"])
            #expect(dots.status == 400 && dots.text.contains("only dots"))
            let token = try await page.post("/admin/tokens", ["name": ".", "role": "reader"])
            #expect(token.status == 400 && token.text.contains("only dots"))
            let taken = try await page.post("/admin/tokens", ["name": "A.B", "role": "admin"])
            #expect(taken.status == 400 && taken.text.contains("a user named") && taken.text.contains("a.b"))
            #expect(try await node.store.tokens().map(\.name).allSatisfy { !$0.allSatisfy { $0 == "." } && $0 != "A.B" })
        }
    }
}
