import Foundation
import LiaisonCore
import LiaisonStore
import TestProcesses
import Testing

@Suite("Records through HTTP")
struct RecordRoutesTests {
    static let newRecord = #"{"title":"Lithium refining JV","type":"joint_venture","tracks":["critical_minerals"],"value_usd":2500000}"#

    @Test func aWrongMethodOnAKnownPathIs405WithAllow() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            for (method, path, allow) in [
                ("PUT", "/v1/records", "GET, POST"), ("DELETE", "/v1/health", "GET"),
                ("POST", "/v1/records/0190f3a2-7c1e-7000-8000-000000000001", "DELETE, GET, PATCH"),
                ("GET", "/v1/records/x/resolve", "POST"),
            ] {
                let reply = try await node.send(method, path, token: editor)
                #expect(reply.status == 405, "\(method) \(path)")
                // HEAD is allowed wherever GET is.
                let header = allow.contains("GET") ? (allow + ", HEAD").split(separator: ", ").sorted().joined(separator: ", ") : allow
                #expect(reply.header("allow") == header, "\(method) \(path)")
                #expect((reply.object["error"] as? String)?.hasSuffix("accepts \(allow) only") == true, "\(reply.text)")
            }
            #expect(try await node.send("GET", "/v1/nothing-here", token: editor).status == 404)
            #expect(try await node.send("GET", "/v1/records", token: editor).status == 200)
        }
    }

    @Test func traceIs405WithAllow() async throws {
        try await withNode { node in
            let admin = node.token(.admin)
            for (path, allow) in [
                ("/v1/records", "GET, HEAD, POST"), ("/v1/sync/changes", "GET, HEAD, POST"), ("/v1/sync", "POST"),
                ("/v1/records/x/resolve", "POST"),
            ] {
                let reply = try await node.send("TRACE", path, token: admin)
                #expect(reply.status == 405, "TRACE \(path)")
                #expect(reply.header("allow") == allow, "TRACE \(path)")
            }
            #expect(try await node.send("TRACE", "/v1/peers", token: admin).error == "/v1/peers accepts GET only")
            #expect(try await node.send("TRACE", "/v1/nothing-here", token: admin).status == 404)
        }
    }

    /// A method HTTP itself does not define (WebDAV's PROPFIND, MKCOL) is as wrong on an API path
    /// as PUT is: 405 with `Allow` and the JSON error, not a 404 that says the path is unknown.
    @Test func aMethodHTTPDoesNotDefineIs405WithAllow() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let id = try #require(try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord).object["id"] as? String)
            for (method, path, allow, accepts) in [
                ("PROPFIND", "/v1/records", "GET, HEAD, POST", "/v1/records accepts GET, POST only"),
                ("PROPFIND", "/v1/records/\(id)", "DELETE, GET, HEAD, PATCH", "/v1/records/{id} accepts DELETE, GET, PATCH only"),
                ("MKCOL", "/v1/users/asha/unlock", "POST", "/v1/users/{name}/unlock accepts POST only"),
            ] {
                let reply = try await node.send(method, path, token: editor)
                #expect(reply.status == 405, "\(method) \(path): \(reply.text)")
                #expect(reply.header("allow") == allow, "\(method) \(path)")
                #expect(reply.error == accepts, "\(method) \(path): \(reply.text)")
            }
            // HEAD where no GET is: the Allow header says what is served.
            let head = try await node.send("HEAD", "/v1/sync", token: node.token(.admin))
            #expect(head.status == 405 && head.header("allow") == "POST")
            #expect(try await node.send("PROPFIND", "/v1/nothing-here", token: editor).status == 404)
            let missing = try await node.send("GET", "/v1/records/0190f3a2-7c1e-7000-8000-000000000001", token: editor)
            #expect(missing.status == 404 && missing.error.hasPrefix("no record"), "a route's own 404 stays: \(missing.text)")
        }
    }

    @Test func createReadUpdateDeleteWithETagAndIfMatch() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? String)
            let fields = try #require(created.object["fields"] as? [String: Any])
            #expect(fields["office"] as? String == "mumbai")
            #expect(fields["status"] as? String == "identified")
            #expect(fields["value_usd"] as? Double == 2_500_000)
            #expect(created.header("location") == "/v1/records/\(id)")

            let read = try await node.send("GET", "/v1/records/\(id)", token: node.token(.reader))
            #expect(read.status == 200)
            let etag = try #require(read.header("etag"))
            #expect(etag == "\"\(read.object["version"] as! String)\"")
            // A record read with a token is kept by no cache (a shared computer's, a proxy's).
            #expect(read.header("cache-control") == "no-store")

            let patched = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", etag)]
            )
            #expect(patched.status == 200)
            #expect((patched.object["fields"] as? [String: Any])?["status"] as? String == "contacted")
            #expect((patched.object["conflicts"] as? [String: Any])?.isEmpty == true)
            let newTag = try #require(patched.header("etag"))
            #expect(newTag != etag)

            // The author of the write is the token's name.
            let state = try #require(try await node.store.state(id: id))
            #expect(state.writes.values.contains { $0.author == "editor-token" })

            // A delete takes no body (or `{}`): another is refused, saying why, and deletes nothing.
            let withBody = try await node.send("DELETE", "/v1/records/\(id)", token: editor, json: "garbage body", headers: [("If-Match", newTag)])
            #expect(withBody.status == 400)
            #expect(withBody.error.hasPrefix("the body is not valid JSON"), "\(withBody.text)")
            #expect(try await node.store.state(id: id)?.isDeleted == false)

            let deleted = try await node.send("DELETE", "/v1/records/\(id)", token: editor, headers: [("If-Match", newTag)])
            #expect(deleted.status == 200)
            #expect(deleted.object["deleted"] as? Bool == true)
            let live = try await node.send("GET", "/v1/records", token: editor)
            #expect(live.object["total"] as? Int == 0)
            let gone = try await node.send("GET", "/v1/records?deleted=true", token: editor)
            #expect(gone.object["total"] as? Int == 1)

            // An edit of a record its writer saw deleted is refused: 409.
            let refused = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"title":"x"}"#,
                headers: [("If-Match", try #require(deleted.header("etag")))]
            )
            #expect(refused.status == 409)
        }
    }

    /// Blank text clears an optional field, as the CLI's `notes=` and an import's empty cell do:
    /// a record never holds `""`, so its CSV export imports back unchanged.
    @Test func blankTextClearsAField() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send(
                "POST",
                "/v1/records",
                token: editor,
                json: #"{"title":"Empty notes","type":"event","tracks":["ipef"],"notes":"","us_party":"   ","value_basis":""}"#
            )
            #expect(created.status == 201, "\(created.text)")
            let fields = try #require(created.object["fields"] as? [String: Any])
            #expect(fields["notes"] == nil && fields["us_party"] == nil && fields["value_basis"] == nil, "\(fields)")
            let id = try #require(created.object["id"] as? String)

            func patch(_ json: String, after reply: Reply) async throws -> Reply {
                try await node.send("PATCH", "/v1/records/\(id)", token: editor, json: json, headers: [("If-Match", reply.header("etag") ?? "")])
            }
            let noted = try await patch(#"{"notes":"Call back in May"}"#, after: created)
            #expect((noted.object["fields"] as? [String: Any])?["notes"] as? String == "Call back in May")
            let cleared = try await patch(#"{"notes":""}"#, after: noted)
            #expect(cleared.status == 200)
            #expect((cleared.object["fields"] as? [String: Any])?["notes"] == nil, "\(cleared.text)")
            let blankTitle = try await patch(#"{"title":" "}"#, after: cleared)
            #expect(blankTitle.status == 400 && blankTitle.text.contains("must not be empty"), "\(blankTitle.text)")
        }
    }

    /// A record id pasted in capitals is the record's own id, for reading and writing alike.
    @Test func aRecordIDInCapitalsIsTheSameRecord() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let id = try #require(try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord).object["id"] as? String)
            let read = try await node.send("GET", "/v1/records/\(id.uppercased())", token: editor)
            #expect(read.status == 200, "\(read.text)")
            #expect(read.object["id"] as? String == id)
            let patched = try await node.send(
                "PATCH",
                "/v1/records/\(id.uppercased())",
                token: editor,
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", try #require(read.header("etag")))]
            )
            #expect(patched.status == 200, "\(patched.text)")
            #expect(try await node.send("GET", "/v1/records/\(id.uppercased())/history", token: editor).status == 200)
            #expect(try await node.send("GET", "/v1/records", token: editor).object["total"] as? Int == 1)
            #expect((try await node.store.state(id: id))?.displayValue(of: "status") == .text("contacted"))
        }
    }

    /// A record stored under an id in capitals beside the lower-case record (imported before
    /// 2026.12.04.4 and synced here) is reached by that id as lists show it, through the API and
    /// the page, and can be deleted; the lower-case record stays as it was.
    @Test func aRecordStoredUnderAnIDInCapitalsIsReachedByThatID() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let id = try #require(try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord).object["id"] as? String)
            var stray = RecordState(id: id.uppercased())
            try stray.write(
                [
                    "type": .text("joint_venture"), "title": .text("Lithium refining JV, imported again"),
                    "office": .text("chennai"), "tracks": .list(["critical_minerals"]), "status": .text("identified"),
                ],
                readContext: .empty,
                replica: "chennai.abc123",
                meta: WriteMeta(author: "priya", at: 1_700_000_000_000)
            )
            _ = try await node.store.merge([stray], from: "chennai.abc123")

            let read = try await node.send("GET", "/v1/records/\(stray.id)", token: editor)
            #expect(read.status == 200 && read.object["id"] as? String == stray.id, "\(read.text)")
            #expect(try await node.send("GET", "/v1/records/\(id)", token: editor).object["id"] as? String == id)
            #expect(try await node.send("GET", "/v1/records/\(stray.id)/history", token: editor).text.contains("priya"))
            let page = try await WebBrowser.signIn(node, as: .reader).get("/records/\(stray.id)")
            #expect(page.status == 200 && page.text.contains("imported again"), "\(page.text)")

            let deleted = try await node.send(
                "DELETE",
                "/v1/records/\(stray.id)",
                token: editor,
                headers: [("If-Match", try #require(read.header("etag")))]
            )
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try await node.store.state(id: stray.id)?.isDeleted == true)
            #expect(try await node.store.state(id: id)?.isDeleted == false)
        }
    }

    @Test func writesWithoutIfMatchAre428AndBadTokensAre400() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            let id = try #require(created.object["id"] as? String)
            let before = try await node.store.currentSequence()

            let patch = try await node.send("PATCH", "/v1/records/\(id)", token: editor, json: #"{"status":"contacted"}"#)
            #expect(patch.status == 428)
            #expect(patch.error.contains("If-Match"))
            let delete = try await node.send("DELETE", "/v1/records/\(id)", token: editor)
            #expect(delete.status == 428)
            let garbage = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", "\"not a token!\"")]
            )
            #expect(garbage.status == 400)
            #expect(garbage.error.contains("version token"))
            #expect(try await node.store.currentSequence() == before)

            let missing = try await node.send("GET", "/v1/records/01ZZZZ-nothing", token: editor)
            #expect(missing.status == 404)
            let missingPatch = try await node.send(
                "PATCH",
                "/v1/records/nothing",
                token: editor,
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", try #require(created.header("etag")))]
            )
            #expect(missingPatch.status == 404)
        }
    }

    @Test func staleIfMatchMakesAConflictThatResolveSettles() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            let id = try #require(created.object["id"] as? String)
            let shown = try #require(created.header("etag"))

            // Two staff both read `shown` and both save the status.
            let first = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", shown)]
            )
            #expect(first.status == 200)
            let second = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"status":"on_hold"}"#,
                headers: [("If-Match", shown)]
            )
            #expect(second.status == 200)
            let conflict = try #require((second.object["conflicts"] as? [String: Any])?["status"] as? [[String: Any]])
            #expect(Set(conflict.compactMap { $0["value"] as? String }) == ["contacted", "on_hold"])

            let conflicts = try await node.send("GET", "/v1/conflicts", token: node.token(.reader))
            #expect(conflicts.status == 200)
            #expect(conflicts.object["total"] as? Int == 1)
            #expect((conflicts.object["records"] as? [[String: Any]])?.first?["id"] as? String == id)

            let resolved = try await node.send("POST", "/v1/records/\(id)/resolve", token: editor, json: #"{"status":"in_discussion"}"#)
            #expect(resolved.status == 200)
            #expect((resolved.object["conflicts"] as? [String: Any])?.isEmpty == true)
            #expect((resolved.object["fields"] as? [String: Any])?["status"] as? String == "in_discussion")
            let after = try await node.send("GET", "/v1/conflicts", token: node.token(.reader))
            #expect(after.object["total"] as? Int == 0)
        }
    }

    /// A client shown a conflict (contacted, on_hold) resolves it with `If-Match` naming that
    /// version; a third value (closed_lost) arrived meanwhile: nothing is settled, as on the
    /// web form, and the value the client never saw is still there to choose from.
    @Test func resolveAgainstAVersionTheRecordMovedPastIsRefused() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            let id = try #require(created.object["id"] as? String)
            let original = try #require(created.header("etag"))
            func setStatus(_ status: String) async throws {
                let answer = try await node.send(
                    "PATCH",
                    "/v1/records/\(id)",
                    token: editor,
                    json: #"{"status":"\#(status)"}"#,
                    headers: [("If-Match", original)]
                )
                #expect(answer.status == 200)
            }
            try await setStatus("contacted")
            try await setStatus("on_hold")
            let shown = try #require(try await node.send("GET", "/v1/records/\(id)", token: editor).header("etag"))
            try await setStatus("closed_lost")

            let stale = try await node.send(
                "POST",
                "/v1/records/\(id)/resolve",
                token: editor,
                json: #"{"status":"on_hold"}"#,
                headers: [("If-Match", shown)]
            )
            #expect(stale.status == 409)
            #expect(
                stale.object["error"] as? String
                    == "record \(id) changed since the version you read (another save or a sync), so nothing was saved: read it again and resolve against its current version"
            )
            let kept = try await node.send("GET", "/v1/records/\(id)", token: editor)
            let values = (kept.object["conflicts"] as? [String: [[String: Any]]])?["status"]?.compactMap { $0["value"] as? String }
            #expect(Set(values ?? []) == ["contacted", "on_hold", "closed_lost"])

            let current = try await node.send(
                "POST",
                "/v1/records/\(id)/resolve",
                token: editor,
                json: #"{"status":"on_hold"}"#,
                headers: [("If-Match", try #require(kept.header("etag")))]
            )
            #expect(current.status == 200)
            #expect((current.object["conflicts"] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test func editConcurrentWithDeleteIsSettledByResolveDeleted() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            let id = try #require(created.object["id"] as? String)
            let shown = try #require(created.header("etag"))
            _ = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"notes":"called"}"#,
                headers: [("If-Match", shown)]
            )
            let deleted = try await node.send("DELETE", "/v1/records/\(id)", token: editor, headers: [("If-Match", shown)])
            #expect(deleted.status == 200)
            #expect((deleted.object["conflicts"] as? [String: Any])?["deleted"] != nil)
            let settled = try await node.send("POST", "/v1/records/\(id)/resolve", token: editor, json: #"{"deleted":true}"#)
            #expect(settled.status == 200)
            #expect(settled.object["deleted"] as? Bool == true)
            #expect((settled.object["conflicts"] as? [String: Any])?.isEmpty == true)
        }
    }

    /// A PATCH made after seeing a delete conflict saves its field and leaves the conflict open;
    /// a DELETE meanwhile is 409 and writes nothing (it would settle the conflict unseen); once
    /// settled as deleted, a DELETE is 409 and writes nothing, whatever it names in If-Match.
    @Test func patchAfterADeleteConflictLeavesItOpenAndADeletedRecordIsNotDeletedAgain() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            let id = try #require(created.object["id"] as? String)
            let shown = try #require(created.header("etag"))
            _ = try await node.send("PATCH", "/v1/records/\(id)", token: editor, json: #"{"notes":"called"}"#, headers: [("If-Match", shown)])
            let deleted = try await node.send("DELETE", "/v1/records/\(id)", token: editor, headers: [("If-Match", shown)])
            let edited = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", try #require(deleted.header("etag")))]
            )
            #expect(edited.status == 200)
            #expect((edited.object["conflicts"] as? [String: Any])?.keys.sorted() == ["deleted"])
            #expect((edited.object["fields"] as? [String: Any])?["status"] as? String == "contacted")
            #expect(edited.object["deleted"] as? Bool == false)
            let open = try await node.store.currentSequence()
            let overruled = try await node.send(
                "DELETE",
                "/v1/records/\(id)",
                token: editor,
                headers: [("If-Match", try #require(edited.header("etag")))]
            )
            #expect(overruled.status == 409)
            #expect(overruled.error.hasPrefix("record \(id) was deleted at one office and edited at another"), "\(overruled.error)")
            #expect(try await node.store.currentSequence() == open)

            let settled = try await node.send("POST", "/v1/records/\(id)/resolve", token: editor, json: #"{"deleted":true}"#)
            #expect(settled.object["deleted"] as? Bool == true)
            let before = try await node.store.currentSequence()
            for tag in [try #require(settled.header("etag")), shown] {
                let again = try await node.send("DELETE", "/v1/records/\(id)", token: editor, headers: [("If-Match", tag)])
                #expect(again.status == 409)
                #expect(again.error == "record \(id) is already deleted, so nothing was changed; use resolve to restore it")
            }
            #expect(try await node.store.currentSequence() == before)
        }
    }

    @Test func validationErrorsNameEachFieldAndChangeNothing() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let before = try await node.store.currentSequence()
            let bad = try await node.send(
                "POST",
                "/v1/records",
                token: editor,
                json: #"{"title":"T","type":"investment","tracks":["sccp"],"value_usd":"lots","colour":"red","officer":{"a":1}}"#
            )
            #expect(bad.status == 400)
            #expect(Set(bad.fields.keys) == ["officer"])
            let typed = try await node.send(
                "POST",
                "/v1/records",
                token: editor,
                json: #"{"title":"T","type":"investment","tracks":["sccp"],"value_usd":"lots","colour":"red"}"#
            )
            #expect(typed.status == 400)
            #expect(Set(typed.fields.keys) == ["value_usd", "colour"])
            let missing = try await node.send("POST", "/v1/records", token: editor, json: #"{"notes":"no title"}"#)
            #expect(missing.status == 400)
            #expect(missing.fields["title"] != nil)
            let notJSON = try await node.send("POST", "/v1/records", token: editor, json: #"{"title": "#)
            #expect(notJSON.status == 400)
            #expect(notJSON.error.contains("JSON"))
            let notObject = try await node.send("POST", "/v1/records", token: editor, json: #"["title"]"#)
            #expect(notObject.status == 400)
            // A number no double holds is out of the field's range, named as the field's rule.
            for (number, message) in [
                ("1e400", "must be at most 1,000,000,000,000 (a trillion dollars), got 1e400"),
                ("-1e400", "must be a number ≥ 0, got -1e400"),
            ] {
                let huge = try await node.send(
                    "POST",
                    "/v1/records",
                    token: editor,
                    json: #"{"title":"T","type":"investment","tracks":["sccp"],"value_usd":\#(number)}"#
                )
                #expect(huge.status == 400)
                #expect(huge.fields["value_usd"] == message, "\(huge.text)")
            }
            #expect(try await node.store.currentSequence() == before)

            let created = try await node.send("POST", "/v1/records", token: editor, json: Self.newRecord)
            let id = try #require(created.object["id"] as? String)
            let afterCreate = try await node.store.currentSequence()
            let badPatch = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"status":"maybe"}"#,
                headers: [("If-Match", try #require(created.header("etag")))]
            )
            #expect(badPatch.status == 400)
            #expect(badPatch.fields["status"] != nil)
            #expect(try await node.store.currentSequence() == afterCreate)
        }
    }

    @Test func pagesByCursorBothWaysAndRefusesABadOne() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            for index in 1...5 {
                let json = #"{"title":"Deal \#(index)","type":"investment","tracks":["sccp"],"status":"contacted"}"#
                #expect(try await node.send("POST", "/v1/records", token: editor, json: json).status == 201)
            }
            let reader = node.token(.reader)
            var titles: [String] = []
            var path = "/v1/records?sort=title&limit=2"
            var cursors: [String] = []
            while true {
                let page = try await node.send("GET", path, token: reader)
                #expect(page.status == 200 && page.object["total"] as? Int == 5 && page.object["total_exact"] as? Bool == true)
                titles += (page.object["records"] as? [[String: Any]] ?? []).compactMap { ($0["fields"] as? [String: Any])?["title"] as? String }
                guard let next = page.object["next"] as? String else { break }
                cursors.append(next)
                path = "/v1/records?sort=title&limit=2&cursor=\(next)"
            }
            #expect(titles == ["Deal 1", "Deal 2", "Deal 3", "Deal 4", "Deal 5"])
            let last = try await node.send("GET", "/v1/records?sort=title&limit=2&cursor=\(cursors[1])", token: reader)
            let previous = try #require(last.object["previous"] as? String)
            let back = try await node.send("GET", "/v1/records?sort=title&limit=2&cursor=\(previous)", token: reader)
            let backTitles = (back.object["records"] as? [[String: Any]] ?? []).compactMap { ($0["fields"] as? [String: Any])?["title"] as? String }
            #expect(backTitles == ["Deal 3", "Deal 4"])
            for bad in ["sort=value&cursor=\(cursors[0])", "cursor=nonsense", "offset=2&sort=title&cursor=\(cursors[0])"] {
                let reply = try await node.send("GET", "/v1/records?\(bad)", token: reader)
                #expect(reply.status == 400, "\(bad)")
                #expect(reply.error.contains("cursor"), "\(reply.error)")
            }
            let status = try await node.send("GET", "/v1/status", token: reader)
            #expect(status.object["records"] as? Int == 5)
            #expect((status.object["statuses"] as? [String: Any])?["contacted"] as? Int == 5)
        }
    }

    @Test func aWriteWhileAnotherProcessHoldsTheStoreIs503WithRetryAfterAndWritesNothing() async throws {
        try await withNode { node in
            // What `liaison import` of a large file does from another process: hold the write lock.
            let other = try await HeldStoreLock.take(path: node.directory.appendingPathComponent(LiaisonStore.fileName).path)
            let json = #"{"title":"Blocked","type":"event","tracks":["sccp"]}"#
            let blocked = try await node.send("POST", "/v1/records", token: node.token(.editor), json: json)
            try await other.release()
            #expect(blocked.status == 503 && blocked.header("Retry-After") == "5")
            #expect(blocked.error.contains("another process writing"))
            #expect(try await node.store.count(matching: RecordQuery()) == 0)
            #expect(try await node.send("POST", "/v1/records", token: node.token(.editor), json: json).status == 201)
        }
    }

    @Test func listFiltersSearchesSortsAndPages() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            for index in 1...7 {
                let track = index.isMultiple(of: 2) ? "sccp" : "semiconductors"
                let json = #"{"title":"Deal \#(index)","type":"investment","tracks":["\#(track)"],"value_usd":\#(index * 1000)}"#
                let created = try await node.send("POST", "/v1/records", token: editor, json: json)
                #expect(created.status == 201)
            }
            let reader = node.token(.reader)
            let page = try await node.send("GET", "/v1/records?sort=value&limit=2&offset=1", token: reader)
            #expect(page.status == 200)
            #expect(page.object["total"] as? Int == 7)
            #expect(page.object["limit"] as? Int == 2)
            #expect(page.object["offset"] as? Int == 1)
            let titles = (page.object["records"] as? [[String: Any]])?.compactMap { ($0["fields"] as? [String: Any])?["title"] as? String }
            #expect(titles == ["Deal 6", "Deal 5"])
            let sccp = try await node.send("GET", "/v1/records?track=sccp", token: reader)
            #expect(sccp.object["total"] as? Int == 3)
            let search = try await node.send("GET", "/v1/records?q=deal%207", token: reader)
            #expect(search.object["total"] as? Int == 1)
            // A space sent as `+` (HTML forms, Python's urlencode) is a space: two words, any order.
            let plus = try await node.send("GET", "/v1/records?q=7+deal", token: reader)
            #expect(plus.object["total"] as? Int == 1)
            // A NUL separates words as a space does (it once ended the search index's query: a 500).
            let nul = try await node.send("GET", "/v1/records?q=deal%007", token: reader)
            #expect(nul.status == 200 && nul.object["total"] as? Int == 1)
            let nulCSV = try await node.send("GET", "/v1/records?q=deal%00&format=csv", token: reader)
            #expect(nulCSV.status == 200 && nulCSV.text.split(whereSeparator: \.isNewline).count == 8, "a header and the 7 deals")
            let nine = try await node.send("GET", "/v1/records?q=a+b+c+d+e+f+g+h+i", token: reader)
            #expect(nine.status == 400 && nine.error.contains("at most 8 words; this one has 9"))
            #expect(nine.fields["q"] != nil)
            let defaults = try await node.send("GET", "/v1/records", token: reader)
            #expect(defaults.object["limit"] as? Int == 50)
            for bad in ["limit=501", "limit=0", "sort=colour", "offset=-1", "colour=red", "conflicted=maybe"] {
                let reply = try await node.send("GET", "/v1/records?\(bad)", token: reader)
                #expect(reply.status == 400, "\(bad)")
                #expect(!reply.error.isEmpty)
            }
        }
    }
}
