import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonServer
import LiaisonStore
import TestProcesses
import Testing

/// The API's side of the intake fixes, through the real server: filters checked and matched
/// exactly, HEAD and OPTIONS, sync routes for peers only, bounded version tokens, and
/// connections that never finish their request.
@Suite("Intake through the API")
struct IntakeRoutesTests {
    @Test func filtersAreCheckedAgainstTheSchemaAndMatchedExactly() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            for (title, tracks) in [("Wafer", "semiconductors"), ("Trade", "strategic_trade")] {
                let created = try await node.send(
                    "POST",
                    "/v1/records",
                    token: editor,
                    json: #"{"title":"\#(title)","type":"event","tracks":["\#(tracks)"]}"#
                )
                #expect(created.status == 201)
            }
            let reader = node.token(.reader)
            for (query, names) in [
                ("track=%25", "\"%\""), ("track=strategic%5Ftrade%25", "strategic_trade%"),
                ("office=pune", "pune"), ("status=won", "won"), ("track=Sccp", "Sccp"),
            ] {
                let reply = try await node.send("GET", "/v1/records?\(query)", token: reader)
                #expect(reply.status == 400, "\(query): \(reply.text)")
                #expect(reply.error.contains(names), "\(query): \(reply.error)")
            }
            let one = try await node.send("GET", "/v1/records?track=strategic_trade", token: reader)
            #expect((one.object["records"] as? [Any])?.count == 1)
            let office = try await node.send("GET", "/v1/records?office=mumbai&status=identified", token: reader)
            #expect((office.object["records"] as? [Any])?.count == 2)
        }
    }

    @Test func bodiesWithDuplicateKeysOrNULsAreRefusedNamingTheProblem() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let cases: [(String, String)] = [
                (#"{"title":"A","title":"B","type":"event","tracks":["sccp"]}"#, #"duplicate key \"title\""#),
                (#"{"title":"A\u0000B","type":"event","tracks":["sccp"]}"#, "must not contain a NUL character"),
                (#"{"title":"A","type":"event","tracks":["sccp"],}"#, "not valid JSON"),
                (#"["title"]"#, "must be a JSON object of fields"),
                (#"{"title":{"x":1},"type":"event","tracks":["sccp"]}"#, "title: must be a string, number"),
            ]
            for (body, problem) in cases {
                let reply = try await node.send("POST", "/v1/records", token: editor, json: body)
                #expect(reply.status == 400, "\(body): \(reply.text)")
                #expect(reply.text.contains(problem), "\(body): \(reply.text)")
            }
            #expect(try await node.store.currentSequence() == 0, "nothing was stored")
        }
    }

    @Test func headIsServedWhereGetIsAndOtherMethodsAre405WithAllow() async throws {
        try await withNode { node in
            let reader = node.token(.reader)
            let head = try await node.send("HEAD", "/v1/records", token: reader)
            #expect(head.status == 200)
            #expect(head.response.body.isEmpty)
            #expect(try await node.send("HEAD", "/v1/health").status == 200)
            let options = try await node.send("OPTIONS", "/v1/records", token: reader)
            #expect(options.status == 405)
            #expect(options.header("allow") == "GET, HEAD, POST")
            #expect(options.error == "/v1/records accepts GET, POST only")
            let put = try await node.send("PUT", "/v1/status", token: reader)
            #expect(put.status == 405 && put.header("allow") == "GET, HEAD")
        }
    }

    @Test func syncRoutesTakePeerTokensOnly() async throws {
        try await withNode { node in
            for role in [TokenRole.admin, .editor, .reader] {
                let reply = try await node.send("GET", "/v1/sync/changes?since=0", token: node.token(role))
                #expect(reply.status == 403, "\(role)")
                #expect(reply.error.contains("needs peer"), "\(reply.error)")
                let push = try await node.send(
                    "POST",
                    "/v1/sync/changes",
                    token: node.token(role),
                    json: #"{"replica_id":"chennai.x1","states":[]}"#
                )
                #expect(push.status == 403, "\(role)")
            }
            #expect(try await node.send("GET", "/v1/sync/changes?since=0", token: node.token(.peer)).status == 200)
        }
    }

    @Test func versionTokensAreBoundedAndATooLongOneGetsAClearError() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send(
                "POST",
                "/v1/records",
                token: editor,
                json: #"{"title":"T","type":"event","tracks":["sccp"]}"#
            )
            let id = try #require(created.object["id"] as? String)
            let many = VersionVector(Dictionary(uniqueKeysWithValues: (0...IntakeLimits.maxReplicas).map { ("chennai.r\($0)", UInt64(1)) }))
            let reply = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"notes":"x"}"#,
                headers: [("If-Match", "\"\(VersionToken(context: many))\"")]
            )
            #expect(reply.status == 400)
            #expect(reply.error.contains("invalid version token") && reply.error.contains("more than 1000 replicas"), "\(reply.error)")
            #expect(try await node.store.state(id: id)?.fields["notes"] == nil)
        }
    }

    @Test func aConnectionThatNeverFinishesItsRequestIsDropped() async throws {
        try await withConfiguredNode(office: "mumbai", configure: { $0.idleTimeout = 1 }, client: .init()) { node in
            let port = try #require(Int(node.base.split(separator: ":").last ?? ""))
            // Half a request head, then nothing: the server closes the connection.
            let closed = try await Task.detached { try Self.sendsHalfARequestAndWaitsForClose(port: port) }.value
            #expect(closed, "the server closed the connection")
            #expect(try await node.send("GET", "/v1/health").status == 200, "the node still serves")
        }
    }

    /// Opens a TCP connection, sends half a request head, and reports whether the server closed
    /// the connection within 15 s.
    static func sendsHalfARequestAndWaitsForClose(port: Int) throws -> Bool {
        let socket = try LoopbackSocket.connect(port: port)
        defer { close(socket) }
        let partial = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        _ = partial.withCString { send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { return true }  // closed by the server
            if count < 0 { return false }  // timed out: still open
        }
    }
}

/// The quarantine on the web page's Sync page.
@Suite("Quarantine on the web page")
struct WebQuarantineTests {
    @Test func adminsSeeWhatWasSetAsideAndDropItReadersSeeTheCount() async throws {
        let (replica, id, json) = try await SyncRoutesTests.foreignState()
        try await withNode { node in
            let hostile = json.replacingOccurrences(of: "\"n\":1", with: "\"n\":2")
            let pushed = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                json: SyncRoutesTests.batch(replica, [hostile])
            )
            #expect((pushed.object["quarantined"] as? [Any])?.count == 1)

            let reader = try await WebBrowser.signIn(node, as: .reader)
            let seen = try await reader.get("/sync")
            #expect(seen.text.contains("1 state was set aside"))
            #expect(!seen.text.contains(id), "readers see the count, not the entries")

            let admin = try await WebBrowser.signIn(node, as: .admin)
            let page = try await admin.get("/sync")
            #expect(page.text.contains(id))
            #expect(page.text.contains("not in the state&#39;s context"), "the rule it broke, escaped as page text")
            let csrf = try #require(WebBrowser.csrf(in: page.text))
            let dropped = try await admin.post("/quarantine/drop", [:], csrf: csrf)
            #expect(dropped.status == 303 && dropped.header("location") == "/sync?done=droppedall")
            #expect(try await admin.follow(dropped)?.text.contains("Every quarantine entry was dropped.") == true)
            #expect(try await node.store.quarantinedCount() == 0)
            #expect(try await reader.post("/quarantine/drop", [:], csrf: WebBrowser.csrf(in: seen.text)).status == 403)
        }
    }
}
