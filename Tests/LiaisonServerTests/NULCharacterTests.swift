import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// SQLite reads a bound text up to its first NUL: `bob%00junk` was bob. A NUL in a path names
/// nothing, and one in a body or a form is refused; nothing changes either way.
@Suite("Bad input: a NUL in a name or an id")
struct NULCharacterTests {
    @Test func aNULInAPathNamesNothing() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            try await node.store.addAccount(name: "bob", role: .reader, password: WebBrowser.password)
            let promoted = try await node.send("PATCH", "/v1/users/bob%00junk", token: admin, json: #"{"role":"editor"}"#)
            #expect(promoted.status == 404, "\(promoted.text)")
            #expect(try await node.store.account(named: "bob")?.role == .reader)

            let id = try await makeRecord(node)
            let edited = try await node.send(
                "PATCH",
                "/v1/records/\(id)%00x",
                token: node.token(.editor),
                json: #"{"title":"Changed through a NUL"}"#,
                headers: [("If-Match", "*")]
            )
            #expect(edited.status == 404)
            #expect(try await node.store.state(id: id)?.displayValues["title"] != .text("Changed through a NUL"))

            _ = try await node.store.createToken(name: "script", role: .editor)
            #expect(try await node.send("DELETE", "/v1/tokens/script%00x", token: admin).status == 404)
            #expect(try await node.store.tokens().contains { $0.name == "script" })
        }
    }

    @Test func aNULInABodyOrAFormIsRefused() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "alice", role: .editor, password: WebBrowser.password)
            let signIn = try await node.send(
                "POST",
                "/v1/session",
                json: #"{"name":"alice\u0000junk","password":"\#(WebBrowser.password)"}"#
            )
            #expect(signIn.status == 400 && signIn.error.contains("name holds a NUL character"), "\(signIn.text)")
            let token = try await node.send(
                "POST",
                "/v1/tokens",
                token: node.token(.admin),
                json: #"{"name":"t3","role":"editor","user":"alice\u0000evil"}"#
            )
            #expect(token.status == 400 && token.error.contains("user holds a NUL character"), "\(token.text)")
            #expect(!(try await node.store.tokens().contains { $0.name == "t3" }))

            let page = try await WebBrowser.signInForm(node, ["username": "alice\u{0}zz", "password": WebBrowser.password])
            #expect(page.status == 400 && page.text.contains("holds a NUL character"), "\(page.text)")
        }
    }

    /// A DELETE that takes no body refuses one, as every route does: these dropped the quarantine,
    /// revoked a token and ended a session whatever the body said.
    @Test func aDeleteWithABodyIsRefusedAndDeletesNothing() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            _ = try await PushQuarantineBoundTests.pushBad(2, claiming: "chennai.abc123", token: node.token(.peer), to: node)
            let all = try await node.send("DELETE", "/v1/quarantine", token: admin, body: Array("this is not json".utf8))
            #expect(all.status == 400, "\(all.text)")
            #expect(try await node.store.quarantinedCount() == 2)
            _ = try await node.store.createToken(name: "script", role: .editor)
            #expect(try await node.send("DELETE", "/v1/tokens/script", token: admin, json: #"{"x":1}"#).status == 400)
            #expect(try await node.store.tokens().contains { $0.name == "script" })
        }
    }
}
