import CurlHTTP
import Foundation
import TestProcesses
import Testing

@Suite("Accounts from the CLI, and sessions across a real restart of liaison serve", .offThePool)
struct AccountsRestartTests {
    @Test func userCommandsAndASessionThatSurvivesARestart() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let node = try ServedNode(office: "hyderabad", root: root.url)
        defer { node.stop() }
        let data = node.directory
        let passwordFile = root.url.appendingPathComponent("asha.password")
        try "asha's long password\n".write(to: passwordFile, atomically: true, encoding: .utf8)

        _ = try LiaisonRun.ok(
            [
                "user", "add", "asha", "--role", "editor", "--display-name", "Asha Rao",
                "--password-file", passwordFile.path,
            ],
            data: data
        )
        let oneTime = try LiaisonRun.ok(["user", "add", "ravi", "--role", "reader"], data: data)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(oneTime.count == 20, "only the one-time password on stdout")
        let short = root.url.appendingPathComponent("short.password")
        try "too short".write(to: short, atomically: true, encoding: .utf8)
        let refused = try LiaisonRun.run(["user", "add", "sam", "--role", "editor", "--password-file", short.path], data: data)
        #expect(refused.status != 0 && refused.stderr.contains("at least 12 characters"))
        #expect(try LiaisonRun.run(["user", "set", "nobody", "--disable"], data: data).stderr.contains("no user named"))
        _ = try LiaisonRun.ok(["user", "set", "ravi", "--disable"], data: data)
        let list = try LiaisonRun.ok(["user", "list", "--json"], data: data)
        let users = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        #expect(users.map { $0["name"] as? String } == ["asha", "ravi"])
        #expect(users[0]["display_name"] as? String == "Asha Rao" && users[0]["must_change_password"] as? Bool == false)
        #expect(users[1]["disabled"] as? Bool == true && users[1]["must_change_password"] as? Bool == true)
        #expect(!list.contains(oneTime) && !list.contains("argon2"))
        let token = try LiaisonRun.ok(["token", "create", "--role", "editor", "--name", "asha-script", "--user", "asha"], data: data)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // A token without a user may not carry a user's name, nor a new user a name-only token's.
        let victim = try LiaisonRun.run(["token", "create", "--role", "admin", "--name", "Asha"], data: data)
        #expect(victim.status != 0 && victim.stderr.contains(#"a user named "asha" exists"#) && victim.stderr.contains("--user asha"))
        _ = try LiaisonRun.ok(["token", "create", "--role", "reader", "--name", "ci"], data: data)
        let clash = try LiaisonRun.run(["user", "add", "ci", "--role", "reader"], data: data)
        #expect(clash.status != 0 && clash.stderr.contains(#"token named "ci""#) && clash.stderr.contains("liaison token revoke ci"))

        try node.start()
        let client = CurlClient(configuration: .init(connectTimeout: 5, totalTimeout: 30))
        defer { client.shutdown() }
        func send(_ method: String, _ path: String, _ headers: [(name: String, value: String)], _ json: String? = nil) async throws -> HTTPResponse {
            let all = headers + (json == nil ? [] : [(name: "Content-Type", value: "application/json")])
            return try await client.send(HTTPRequest(method: method, url: node.url + path, headers: all, body: json.map { Array($0.utf8) }))
        }
        let record = #"{"title":"Made by a person","type":"event","tracks":["sccp"]}"#
        let scripted = try await send("POST", "/v1/records", [("Authorization", "Bearer \(token)")], record)
        #expect(scripted.status == 201)

        let signIn = try await send("POST", "/v1/session", [], #"{"name":"asha","password":"asha's long password"}"#)
        #expect(signIn.status == 201)
        let setCookie = try #require(signIn.header("set-cookie"))
        let cookie = String(setCookie.split(separator: ";")[0])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(signIn.body)) as? [String: Any])
        let session: [(name: String, value: String)] = [("Cookie", cookie), ("X-CSRF-Token", try #require(body["csrf"] as? String))]
        #expect(try await send("POST", "/v1/records", session, record).status == 201)

        node.stop()
        try node.start()
        #expect(try await send("GET", "/v1/records", session).status == 200, "still signed in after the restart")
        let after = try await send("POST", "/v1/records", session, record)
        #expect(after.status == 201)
        // The history on the record pages credits the person, for the token's write and the session's.
        for created in [scripted, after] {
            let id = try #require(try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])["id"] as? String
            let page = try await send("GET", "/records/\(id ?? "")", [("Cookie", cookie)])
            #expect(page.status == 200)
            #expect(String(decoding: page.body, as: UTF8.self).contains("<strong><bdi>asha</bdi></strong>"))
        }
        let disabled = try await send("POST", "/v1/session", [], #"{"name":"ravi","password":"\#(oneTime)"}"#)
        #expect(disabled.status == 403)

        // A password file saved on Windows (Notepad: CRLF line ends) sets its first line.
        let windows = root.url.appendingPathComponent("windows.password")
        try Data("Correct horse 12\r\nsecond line\r\n".utf8).write(to: windows)
        _ = try LiaisonRun.ok(["user", "set", "asha", "--password-file", windows.path], data: data)
        #expect(try await send("POST", "/v1/session", [], #"{"name":"asha","password":"Correct horse 12"}"#).status == 201)
    }
}
