import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Refusals that named the wrong cause: a disabled user's token "not valid", an ended session
/// "needs a token", a missing user "cannot disable yourself".
@Suite("Refusals say their real reason")
struct RefusalReasonTests {
    @Test func aTokenOfADisabledUserSaysTheUserIsDisabled() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "kavya", role: .editor, password: WebBrowser.password)
            let token = try await node.store.createToken(name: "kavya-script", role: .editor, account: "kavya")
            try await node.store.changeAccount("kavya", AccountChange(disabled: true))
            let refused = try await node.send("GET", "/v1/records", token: token)
            #expect(refused.status == 401)
            #expect(refused.error == "this token's user kavya is disabled; an admin can enable them again", "\(refused.text)")
            let unknown = try await node.send("GET", "/v1/records", token: String(repeating: "z", count: 43))
            #expect(unknown.status == 401 && unknown.error == "the bearer token is not valid", "\(unknown.text)")
        }
    }

    @Test func anEndedSessionSaysToSignInAgain() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            for end in ["sign-out", "disable", "password"] {
                let (cookie, csrf) = try await SessionPasswordTests.signIn(node, "asha", WebBrowser.password)
                #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", cookie)]).status == 200)
                switch end {
                case "sign-out":
                    let out = try await node.send("DELETE", "/v1/session", headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)])
                    #expect(out.status == 204)
                case "disable":
                    try await node.store.changeAccount("asha", AccountChange(disabled: true))
                default:
                    try await node.store.changeAccount("asha", AccountChange(password: WebBrowser.password + "!"))
                    try await node.store.changeAccount("asha", AccountChange(password: WebBrowser.password))
                }
                let refused = try await node.send("GET", "/v1/records", headers: [("Cookie", cookie)])
                #expect(refused.status == 401, "\(end)")
                #expect(refused.error.hasPrefix("your session has ended") && refused.error.contains("sign in again"), "\(end): \(refused.text)")
                try await node.store.changeAccount("asha", AccountChange(disabled: false))
            }
            let none = try await node.send("GET", "/v1/records")
            #expect(none.status == 401 && none.error.contains("this route needs a token"), "\(none.text)")
        }
    }

    /// Signing out is a write with the session cookie: it needs the session's CSRF token.
    @Test func signingOutThroughTheAPINeedsTheCSRFToken() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let (cookie, csrf) = try await SessionPasswordTests.signIn(node, "asha", WebBrowser.password)
            let wrong = String(repeating: csrf.hasPrefix("0") ? "1" : "0", count: csrf.count)
            let attempts: [[(name: String, value: String)]] = [[("Cookie", cookie)], [("Cookie", cookie), ("X-CSRF-Token", wrong)]]
            for headers in attempts {
                let refused = try await node.send("DELETE", "/v1/session", headers: headers)
                #expect(refused.status == 403 && refused.error.contains("X-CSRF-Token"), "\(refused.text)")
            }
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", cookie)]).status == 200, "still signed in")
            #expect(try await node.send("DELETE", "/v1/session", headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)]).status == 204)
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", cookie)]).status == 401)
            #expect(
                try await node.send("DELETE", "/v1/session", headers: [("Cookie", cookie)]).status == 204,
                "an ended session's cookie is only cleared"
            )
        }
    }

    /// A name-only admin token named like no user, changing that name, was told it could not
    /// disable itself.
    @Test func changingAMissingUserNamedLikeTheCallerIsNotFound() async throws {
        try await withNode { node in
            let token = try await node.store.createToken(name: "adm3", role: .admin)
            let missing = try await node.send("PATCH", "/v1/users/adm3", token: token, json: #"{"disabled":true}"#)
            #expect(missing.status == 404 && missing.error == #"no user named "adm3""#, "\(missing.text)")
            #expect(try await node.store.account(named: "adm3") == nil)
        }
    }

    @Test func aFormRefusedForItsRoleNamesTheRoleItNeeds() async throws {
        try await withNode { node in
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let refused = try await editor.post("/sync", [:])
            #expect(refused.status == 403)
            #expect(refused.text.contains("This change needs the admin role; yours (editor) may not make it"), "\(refused.text)")
            let reader = try await WebBrowser.signIn(node, as: .reader)
            let write = try await reader.post("/records", ["title": "x", "type": "event", "tracks": "sccp"])
            #expect(write.status == 403 && write.text.contains("This change needs the editor role; yours (reader)"), "\(write.text)")
        }
    }

    /// The Add user form, for a name taken but for case, pointed to `liaison user set`.
    @Test func addingAUserWhoseNameIsTakenPointsToTheirChangeButton() async throws {
        try await withNode { node in
            let admin = try await WebBrowser.signIn(node, as: .admin)
            try await node.store.addAccount(name: "kavya", role: .reader, password: WebBrowser.password)
            for name in ["Kavya", "kavya"] {
                let refused = try await admin.post("/admin/users", ["name": name, "role": "editor"])
                #expect(refused.status == 400)
                #expect(refused.text.contains("use Change on their row above") && !refused.text.contains("liaison user set"), "\(refused.text)")
                #expect(refused.text.contains("differ only by case") == (name != "kavya"))
            }
            #expect(try await node.store.accounts().map(\.name) == ["admin-user", "kavya"])
        }
    }
}
