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
            #expect(seen.text.contains("<s>Lithium refining JV</s> → Lithium JV (renamed)"))
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
}
