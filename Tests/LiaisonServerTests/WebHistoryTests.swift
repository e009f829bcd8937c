import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// The History section of the web record page and its "Restore this value" button.
@Suite("Web: record history")
struct WebHistoryTests {
    @Test func theRecordPageShowsEveryWriteAndAnEditorRestoresAnOldValue() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let patched = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: node.token(.editor),
                json: #"{"title":"Lithium JV (renamed)"}"#,
                headers: [("If-Match", "*")]
            )
            #expect(patched.status == 200)

            let reader = try await WebBrowser.signIn(node, as: .reader)
            let seen = try await reader.get("/records/\(id)")
            #expect(seen.text.contains(#"<h2 id="history-h">History</h2>"#))
            #expect(seen.text.contains(#"<s class="value">Lithium refining JV</s> → <span class="value">Lithium JV (renamed)</span>"#))
            #expect(!seen.text.contains("Restore this value"), "readers get no restore button")

            let editor = try await WebBrowser.signIn(node, as: .editor)
            let page = try await editor.get("/records/\(id)")
            #expect(page.text.contains("Restore this value"))
            let version = try #require(WebBrowser.hidden("version", in: page.text))
            let first = try #require(try await node.store.events(id: id).first { $0.values["title"] == .text("Lithium refining JV") })
            let restored = try await editor.post(
                "/records/\(id)/restore",
                ["version": version, "field": "title", "dot": first.dot.description]
            )
            #expect(restored.header("location") == "/records/\(id)?done=restored")
            let state = try #require(try await node.store.state(id: id))
            #expect(state.displayValues["title"] == .text("Lithium refining JV"))
            #expect(try await node.store.events(id: id).count == 3, "the restore is an ordinary write, logged like any other")

            let unknown = try await editor.post("/records/\(id)/restore", ["version": version, "field": "title", "dot": "x.y:9"])
            #expect(unknown.status == 404)
        }
    }

    /// A long history shows its newest 100 writes, then the older ones a link away, and back.
    @Test func aLongHistoryShowsAPageAndLinksToTheOlderWrites() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            for round in 1...104 {
                let patched = try await node.send(
                    "PATCH",
                    "/v1/records/\(id)",
                    token: node.token(.editor),
                    json: #"{"notes":"round \#(round)"}"#,
                    headers: [("If-Match", "*")]
                )
                #expect(patched.status == 200)
            }
            let reader = try await WebBrowser.signIn(node, as: .reader)
            let first = try await reader.get("/records/\(id)")
            #expect(first.text.components(separatedBy: #"<li class="event">"#).count - 1 == 100)
            #expect(first.text.contains("round 104") && !first.text.contains("Newest changes"))
            let link = try #require(first.text.firstMatch(of: /href="(\/records\/[^"]+\?history=[^"#]+)#history">Older changes/)?.1)
            let older = try await reader.get(String(link))
            #expect(older.text.components(separatedBy: #"<li class="event">"#).count - 1 == 5)
            #expect(
                older.text.contains(#"<s class="value">round 1</s> → <span class="value">round 2</span>"#) && older.text.contains("Newest changes")
            )
            #expect(!older.text.contains("Older changes"))
        }
    }

    /// A `history` value that no "Older changes" link gave out is refused by name, as the API
    /// refuses such a `cursor`, rather than answered with the newest changes as if asked for.
    @Test func aHistoryPlaceNoLinkGaveOutIsRefusedByName() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let unwritten = "\(node.store.identity.replicaID):99"
            let reader = try await WebBrowser.signIn(node, as: .reader)
            for (value, named) in [("bogus", "&quot;bogus&quot;"), ("", "got &quot;&quot;"), ("mumbai%3A0", "&quot;mumbai:0&quot;")] {
                let page = try await reader.get("/records/\(id)?history=\(value)")
                #expect(page.status == 400, "\(value)")
                #expect(page.text.contains("history must be the place of one of this page") && page.text.contains(named), "\(value): \(page.text)")
                #expect(page.text.contains(#"role="alert""#) && !page.text.contains(#"id="history-h""#), "\(value): no history shown")
            }
            let unknown = try await reader.get("/records/\(id)?history=\(unwritten)")
            #expect(unknown.status == 400 && unknown.text.contains("has no write \(unwritten)"), "\(unknown.text)")
        }
    }

    /// A value of several lines shows its lines in the History as in the Details: the values
    /// (old and new) are in elements of class `value`, which alone keep line breaks
    /// (`white-space: pre-line`), so the restore form beside them adds no stray ones.
    @Test func aMultiLineValueKeepsItsLineBreaksInTheHistory() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            for notes in ["Visit 1: ok\\nVisit 2: pending", "Visit 1: ok\\nVisit 2: done"] {
                let patched = try await node.send(
                    "PATCH",
                    "/v1/records/\(id)",
                    token: node.token(.editor),
                    json: #"{"notes":"\#(notes)"}"#,
                    headers: [("If-Match", "*")]
                )
                #expect(patched.status == 200, "\(patched.text)")
            }
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let page = try await editor.get("/records/\(id)").text
            let history = try #require(page.components(separatedBy: #"id="history-h""#).last)
            #expect(
                history.contains(
                    #"<strong>Notes</strong>: <s class="value">Visit 1: ok\#nVisit 2: pending</s> → <span class="value">Visit 1: ok\#nVisit 2: done</span>"#
                )
            )
            #expect(
                history.contains(#"<span class="value">Visit 1: ok\#nVisit 2: pending</span> <form method="post""#),
                "the restore form follows the value, outside it"
            )
            let css = try await editor.get("/static/liaison.css").text
            #expect(css.contains(".history .value { white-space: pre-line; }"))
        }
    }

    /// A display name is this node's: Mumbai's "Ed Mumbai" names ed's writes made at Mumbai,
    /// not those of Chennai's ed (another person, "Eduardo Chennai"), shown as recorded.
    @Test func aDisplayNameNamesOnlyTheWritesMadeAtThisNode() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                var tokens: [String] = []
                for (node, display) in [(mumbai, "Ed Mumbai"), (chennai, "Eduardo Chennai")] {
                    try await node.store.addAccount(name: "ed", displayName: display, role: .editor, password: WebBrowser.password)
                    tokens.append(try await node.store.createToken(name: "ed-token", role: .editor, account: "ed"))
                }
                let created = try await mumbai.send(
                    "POST",
                    "/v1/records",
                    token: tokens[0],
                    json: #"{"title":"Lithium refining JV","type":"event","tracks":["sccp"]}"#
                )
                let id = try #require(created.object["id"] as? String, "\(created.text)")
                try await NodeHistoryTests.sync(chennai, with: mumbai, as: "mumbai")
                let patched = try await chennai.send(
                    "PATCH",
                    "/v1/records/\(id)",
                    token: tokens[1],
                    json: #"{"title":"Lithium JV (Chennai)"}"#,
                    headers: [("If-Match", "*")]
                )
                #expect(patched.status == 200, "\(patched.text)")
                try await NodeHistoryTests.sync(mumbai, with: chennai, as: "chennai")

                let page = try await WebBrowser.signIn(mumbai, as: .reader).get("/records/\(id)").text
                #expect(page.contains("<strong><bdi>ed</bdi></strong> at Chennai"), "a write made at Chennai keeps its user name alone")
                #expect(page.contains("<strong><bdi>ed</bdi></strong> (<bdi>Ed Mumbai</bdi>) at Mumbai"))
                #expect(!page.contains("Ed Mumbai) at Chennai") && !page.contains("Eduardo"))
            }
        }
    }

    /// A node restored from a backup has a new replica id: the writes made at its office before
    /// (by the node it replaces, here a second Mumbai node) keep their display names.
    @Test func aDisplayNameNamesTheOfficesWritesMadeBeforeARestore() async throws {
        try await withNode(office: "mumbai") { restored in
            try await withNode(office: "mumbai") { before in
                var tokens: [String] = []
                for node in [before, restored] {
                    try await node.store.addAccount(name: "ed", displayName: "Ed Mumbai", role: .editor, password: WebBrowser.password)
                    tokens.append(try await node.store.createToken(name: "ed-token", role: .editor, account: "ed"))
                }
                let created = try await before.send(
                    "POST",
                    "/v1/records",
                    token: tokens[0],
                    json: #"{"title":"Lithium refining JV","type":"event","tracks":["sccp"]}"#
                )
                let id = try #require(created.object["id"] as? String, "\(created.text)")
                try await NodeHistoryTests.sync(restored, with: before, as: "earlier")
                let page = try await WebBrowser.signIn(restored, as: .reader).get("/records/\(id)").text
                #expect(page.contains("<strong><bdi>ed</bdi></strong> (<bdi>Ed Mumbai</bdi>) at Mumbai"))
            }
        }
    }

    /// A token's writes under a name that an account took after the token was revoked are not
    /// that person's: they keep the name alone, and the account's own writes show its display name.
    @Test func aRevokedTokensWritesDoNotTakeTheDisplayNameOfAnAccountMadeLater() async throws {
        try await withNode { node in
            let script = try await node.store.createToken(name: "ci", role: .editor)
            let created = try await node.send(
                "POST",
                "/v1/records",
                token: script,
                json: #"{"title":"Made by the CI script","type":"event","tracks":["sccp"]}"#
            )
            let id = try #require(created.object["id"] as? String, "\(created.text)")
            try await node.store.revokeToken(name: "ci")
            try await Task.sleep(for: .milliseconds(5))
            try await node.store.addAccount(name: "ci", displayName: "Chitra Iyer", role: .editor, password: WebBrowser.password)
            let own = try await node.store.createToken(name: "ci-token", role: .editor, account: "ci")
            let patched = try await node.send("PATCH", "/v1/records/\(id)", token: own, json: #"{"notes":"Checked"}"#, headers: [("If-Match", "*")])
            #expect(patched.status == 200, "\(patched.text)")
            let page = try await WebBrowser.signIn(node, as: .reader).get("/records/\(id)").text
            #expect(
                page.components(separatedBy: "<strong><bdi>ci</bdi></strong> (<bdi>Chitra Iyer</bdi>)").count == 2,
                "only the account's own write"
            )
            #expect(page.contains("<strong><bdi>ci</bdi></strong> at "))
        }
    }

    /// Restore is offered only for a value worth writing again: not a cleared (empty) value,
    /// and for a field of a track the record left, the page says why instead of a button that
    /// would lead to a refused write.
    @Test func restoreIsOfferedOnlyForAValueThatCanBeWrittenAgain() async throws {
        try await withNode { node in
            let created = try await node.send(
                "POST",
                "/v1/records",
                token: node.token(.editor),
                json: #"{"title":"Clean energy mission","type":"event","tracks":["trade_mission"],"trade_mission.mission":"2025 Clean Energy"}"#
            )
            let id = try #require(created.object["id"] as? String, "\(created.text)")
            let switched = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: node.token(.editor),
                json: #"{"tracks":["sccp"],"trade_mission.mission":null}"#,
                headers: [("If-Match", "*")]
            )
            #expect(switched.status == 200, "\(switched.text)")

            let page = try await WebBrowser.signIn(node, as: .editor).get("/records/\(id)").text
            #expect(!page.contains(#"name="field" value="trade_mission.mission""#), "neither the cleared value nor the old one")
            #expect(page.contains("(to restore it, first add the record to Trade Missions)"))
            #expect(page.contains(#"name="field" value="tracks""#), "the old tracks can still be restored")
        }
    }
}
