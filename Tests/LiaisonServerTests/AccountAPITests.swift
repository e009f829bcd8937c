import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Accounts through the API: /v1/users, /v1/session, tokens that act for a user")
struct AccountAPITests {
    @Test func adminsAddListAndChangeUsers() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            let added = try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"asha","role":"editor","display_name":"Asha Rao"}"#)
            #expect(added.status == 201)
            #expect(added.object["must_change_password"] as? Bool == true)
            let password = try #require(added.object["password"] as? String)
            #expect(password.count >= 12)
            let given = try await node.send(
                "POST",
                "/v1/users",
                token: admin,
                json: #"{"name":"ravi","role":"reader","password":"a password of ravi's"}"#
            )
            #expect(given.status == 201)
            #expect(given.object["password"] == nil)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"x","role":"reader","password":"short"}"#).status == 400)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"y","role":"peer"}"#).status == 400)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"asha","role":"reader"}"#).status == 400)

            let list = try await node.send("GET", "/v1/users", token: admin)
            let users = try #require(list.object["users"] as? [[String: Any]])
            #expect(users.map { $0["name"] as? String } == ["asha", "ravi"])
            #expect(!list.text.contains("argon2") && !list.text.contains(password))

            let changed = try await node.send("PATCH", "/v1/users/asha", token: admin, json: #"{"role":"admin","disabled":true}"#)
            #expect(changed.status == 200)
            #expect(changed.object["role"] as? String == "admin" && changed.object["disabled"] as? Bool == true)
            #expect(try await node.send("PATCH", "/v1/users/nobody", token: admin, json: #"{"disabled":true}"#).status == 404)
            // Without a password it would say nothing: it was answered 200 and changed nothing.
            let alone = try await node.send("PATCH", "/v1/users/asha", token: admin, json: #"{"must_change_password":true}"#)
            #expect(alone.status == 400 && alone.error.contains("must_change_password goes with a new password"), "\(alone.text)")
            let refused = try await node.send("GET", "/v1/users", token: node.token(.editor))
            #expect(refused.status == 403 && refused.text.contains("an editor may not call GET /v1/users; it needs admin"), "\(refused.text)")
        }
    }

    /// Names in a path are read percent-decoded, as clients send them (`encodeURIComponent`).
    @Test func pathNamesArePercentDecoded() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            #expect(try await node.send("POST", "/v1/users", token: admin, json: #"{"name":"asha@state.gov","role":"editor"}"#).status == 201)
            let changed = try await node.send("PATCH", "/v1/users/asha%40state.gov", token: admin, json: #"{"display_name":"Asha"}"#)
            #expect(changed.status == 200, "\(changed.text)")
            #expect(try await node.send("GET", "/v1/users", token: admin).text.contains(#""display_name":"Asha""#))
            let id = try await makeRecord(node)
            let encoded = id.replacingOccurrences(of: "-", with: "%2D")
            #expect(try await node.send("GET", "/v1/records/\(encoded)", token: admin).object["id"] as? String == id)
        }
    }

    @Test func anAdminMayNotDisableThemselvesOrDropTheirOwnAdminRole() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "boss", role: .admin, password: WebBrowser.password)
            let own = try await node.store.createToken(name: "boss-script", role: .admin, account: "boss")
            for json in [#"{"disabled":true}"#, #"{"role":"editor"}"#] {
                let refused = try await node.send("PATCH", "/v1/users/boss", token: own, json: json)
                #expect(refused.status == 400 && refused.error.contains("disable yourself"), "\(json): \(refused.text)")
            }
            let account = try #require(try await node.store.account(named: "boss"))
            #expect(!account.disabled && account.role == .admin)
            #expect(try await node.send("PATCH", "/v1/users/boss", token: own, json: #"{"display_name":"The Boss"}"#).status == 200)
            #expect(try await node.send("PATCH", "/v1/users/boss", token: node.token(.admin), json: #"{"role":"editor"}"#).status == 200)
        }
    }

    @Test func bodiesWithUnknownRepeatedOrMistypedMembersAreRefusedByName() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let refused: [(String, String, String, String)] = [
                ("POST", "/v1/users", #"{"name":"u1","role":"editor","zz":1}"#, "zz"),
                ("POST", "/v1/users", #"{"name":"x","name":"y","role":"editor"}"#, "name"),
                ("POST", "/v1/users", #"{"name":5,"role":"editor"}"#, "name"),
                ("POST", "/v1/users", #"{"role":"editor"}"#, "name"),
                ("PATCH", "/v1/users/asha", #"{"name":"other"}"#, "name"),
                ("PATCH", "/v1/users/asha", #"{"disabled":"yes"}"#, "disabled"),
                ("POST", "/v1/tokens", #"{"name":"t","role":"reader","account":"asha"}"#, "account"),
                ("POST", "/v1/session", #"{"name":"asha","password":"x","remember":true}"#, "remember"),
            ]
            for (method, path, json, member) in refused {
                let reply = try await node.send(method, path, token: path == "/v1/session" ? nil : admin, json: json)
                let named = reply.fields[member] != nil || reply.error.contains("duplicate key \"\(member)\"")
                #expect(reply.status == 400 && reply.error.contains(member) && named, "\(method) \(path) \(json): \(reply.text)")
            }
            let users = try await node.send("GET", "/v1/users", token: admin)
            #expect((users.object["users"] as? [[String: Any]])?.map { $0["name"] as? String } == ["asha"], "nothing was made")
            #expect(try await node.store.account(named: "asha")?.disabled == false, "nothing was changed")

            // A token made through the API for a user acts as that user, as `token create --user`.
            let made = try await node.send("POST", "/v1/tokens", token: admin, json: #"{"name":"asha-api","role":"editor","user":"asha"}"#)
            #expect(made.status == 201 && made.object["user"] as? String == "asha")
            let token = try #require(made.object["token"] as? String)
            try await node.store.changeAccount("asha", AccountChange(disabled: true))
            #expect(try await node.send("GET", "/v1/records", token: token).status == 401, "a disabled user's token stops working")
        }
    }

    @Test func aSessionFromTheAPIWorksWithItsCSRFTokenAndEndsOnDelete() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let wrong = try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"wrong password!"}"#)
            #expect(wrong.status == 401)
            let form = try await node.send(
                "POST",
                "/v1/session",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("name=asha&password=x".utf8)
            )
            #expect(form.status != 201)
            let session = try await node.send("POST", "/v1/session", json: #"{"name":"asha","password":"\#(WebBrowser.password)"}"#)
            #expect(session.status == 201)
            #expect(session.object["name"] as? String == "asha")
            let cookie = String(try #require(WebBrowser.setCookie(node.sessionCookieName, in: session)).split(separator: ";")[0])
            let csrf = try #require(session.object["csrf"] as? String)
            let json = #"{"title":"Made with a session","type":"event","tracks":["sccp"]}"#
            #expect(try await node.send("POST", "/v1/records", json: json, headers: [("Cookie", cookie)]).status == 403)
            let created = try await node.send("POST", "/v1/records", json: json, headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)])
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? String)
            #expect(try await node.store.state(id: id)?.writes.values.allSatisfy { $0.author == "asha" } == true)
            #expect(try await node.send("DELETE", "/v1/session", headers: [("Cookie", cookie)]).status == 403, "a write: it needs X-CSRF-Token")
            #expect(try await node.send("DELETE", "/v1/session", headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)]).status == 204)
            #expect(try await node.send("GET", "/v1/records", headers: [("Cookie", cookie)]).status == 401)
        }
    }

    @Test func aTokenMadeForAUserCreditsThemAndOldTokensKeepWorking() async throws {
        try await withNode { node in
            try await node.store.addAccount(name: "asha", role: .editor, password: WebBrowser.password)
            let made = try await node.send("POST", "/v1/tokens", token: node.token(.admin), json: #"{"name":"asha-script","role":"editor"}"#)
            #expect(made.status == 201)
            let token = try await node.store.createToken(name: "asha-laptop", role: .editor, account: "asha")
            let json = #"{"title":"Scripted","type":"event","tracks":["sccp"]}"#
            let created = try await node.send("POST", "/v1/records", token: token, json: json)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? String)
            #expect(try await node.store.state(id: id)?.writes.values.allSatisfy { $0.author == "asha" } == true)
            // Tokens made before accounts still work and credit their own name.
            let old = try await node.send("POST", "/v1/records", token: node.token(.editor), json: json)
            #expect(old.status == 201)
            let oldID = try #require(old.object["id"] as? String)
            #expect(try await node.store.state(id: oldID)?.writes.values.allSatisfy { $0.author == "editor-token" } == true)
            // A token never does more than its user may.
            await #expect(throws: StoreError.self) { try await node.store.createToken(name: "too-much", role: .admin, account: "asha") }
            try await node.store.changeAccount("asha", AccountChange(role: .reader))
            #expect(try await node.send("POST", "/v1/records", token: token, json: json).status == 403)
        }
    }
}
