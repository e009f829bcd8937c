import CurlHTTP
import Foundation
import LiaisonServer
import LiaisonStore
import TestProcesses
import Testing

@Suite("Sign-in: an admin's unlock", .offThePool)
struct SignInUnlockTests {
    /// `liaison user unlock`, run as its own process on the serving node's data directory, lets
    /// a user kept waiting by failed sign-ins in at once; failures after it count again.
    @Test func liaisonUserUnlockLetsAUserKeptWaitingSignInAtOnce() async throws {
        try await withSignInBackoff(600) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let right = #"{"name":"asha","password":"\#(WebBrowser.password)"}"#
            func failFiveTimes() async throws {
                for _ in 1...5 {
                    let wrong = try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"a wrong password"}"#)
                    #expect(wrong.status == 401)
                }
            }
            func liaison(_ arguments: String...) throws -> (status: Int32, error: String) {
                let run = try ChildProcess.run(try BuiltProduct.path("liaison"), arguments + ["--data", node.directory.path])
                return (run.termination.status, String(decoding: run.error, as: UTF8.self))
            }

            try await failFiveTimes()
            #expect(try await node.send("POST", "/v1/session", json: right).status == 429, "ten minutes to wait")
            #expect(try liaison("user", "unlock", "asha").status == 0)
            #expect(try await node.send("POST", "/v1/session", json: right).status == 201, "in at once after the unlock")

            try await failFiveTimes()
            #expect(try await node.send("POST", "/v1/session", json: right).status == 429, "failures after the unlock count")

            let unknown = try liaison("user", "unlock", "nobody")
            #expect(unknown.status != 0 && unknown.error.contains(#"no user named "nobody""#))
        }
    }

    /// The admin page's **Unlock sign-in** does what `liaison user unlock` does, for an admin
    /// without a shell on the node.
    @Test func theAdminPageUnlocksASignIn() async throws {
        try await withSignInBackoff(600) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            // Signed in first: the failures below come from the same address.
            let admin = try await WebBrowser.signIn(node, as: .admin)
            for _ in 1...5 {
                #expect(try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"a wrong password"}"#).status == 401)
            }
            let right = #"{"name":"asha","password":"\#(WebBrowser.password)"}"#
            #expect(try await node.send("POST", "/v1/session", json: right).status == 429)
            #expect(try await admin.get("/admin/users").text.contains(#"value="unlock""#))
            let unlocked = try await admin.post("/admin/users/asha", ["action": "unlock"])
            #expect(unlocked.status == 303 && unlocked.header("location") == "/admin/users?done=unlocked")
            #expect(try await admin.follow(unlocked)?.text.contains("The user can sign in at once") == true)
            #expect(try await node.send("POST", "/v1/session", json: right).status == 201, "in at once after the unlock")
            #expect(try await admin.post("/admin/users/nobody", ["action": "unlock"]).status == 400)
        }
    }

    /// `POST /v1/users/{name}/unlock` does the same for an admin's script; anyone else is
    /// refused as on every admin route, and the unlock is not made.
    @Test func theAPIUnlocksASignInForAdminsOnly() async throws {
        try await withSignInBackoff(600) { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            for _ in 1...5 {
                #expect(try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"a wrong password"}"#).status == 401)
            }
            let right = #"{"name":"asha","password":"\#(WebBrowser.password)"}"#
            #expect(try await node.send("POST", "/v1/session", json: right).status == 429)

            let byEditor = try await node.send("POST", "/v1/users/asha/unlock", token: node.token(.editor))
            #expect(byEditor.status == 403, "\(byEditor.text)")
            #expect(byEditor.error == "an editor may not call POST /v1/users/asha/unlock; it needs admin")
            let withBody = try await node.send("POST", "/v1/users/asha/unlock", token: node.token(.admin), json: #"{"now":true}"#)
            #expect(withBody.status == 400 && withBody.fields["now"] != nil, "\(withBody.text)")
            #expect(try await node.send("POST", "/v1/session", json: right).status == 429, "neither unlocked")

            let unlocked = try await node.send("POST", "/v1/users/asha/unlock", token: node.token(.admin), json: "{}")
            #expect(unlocked.status == 204, "\(unlocked.text)")
            #expect(try await node.send("POST", "/v1/session", json: right).status == 201, "in at once after the unlock")

            let unknown = try await node.send("POST", "/v1/users/nobody/unlock", token: node.token(.admin))
            #expect(unknown.status == 404 && unknown.error == #"no user named "nobody""#, "\(unknown.text)")
        }
    }
}
