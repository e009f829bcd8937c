import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// Line breaks through the edit form: a browser strips them from one-line inputs and sends a
/// text area's as CRLF, and neither may turn into a write of a field the user did not touch.
@Suite("Web: line breaks in the edit form")
struct WebEditLineBreaksTests {
    /// A record as a spreadsheet cell with Alt+Enter (or the CLI) leaves it: line breaks in one-line fields.
    private func makeMultiLineRecord(_ node: TestNode) async throws -> String {
        let json = #"""
            {"title":"Tata Electronics\nDholera fab","us_party":"Micron\nTechnology","notes":"Line A\nLine B",
             "type":"investment","tracks":["semiconductors"],"status":"identified"}
            """#
        let created = try await node.send("POST", "/v1/records", token: node.token(.editor), json: json)
        #expect(created.status == 201)
        return try #require(created.object["id"] as? String)
    }

    /// The edit form as Chromium sends it back: text areas' line breaks as CRLF, `changes` on top.
    private func submit(
        _ browser: WebBrowser,
        _ id: String,
        _ changes: [String: String]
    ) async throws -> Reply {
        let edit = try await browser.get("/records/\(id)/edit")
        let version = try #require(WebBrowser.hidden("version", in: edit.text))
        let loaded = try #require(WebBrowser.hidden("loaded", in: edit.text))
        var fields: [String: String] = [
            "title": "Tata Electronics\r\nDholera fab", "us_party": "Micron\r\nTechnology", "notes": "Line A\r\nLine B",
            "type": "investment", "office": "mumbai", "status": "identified", "tracks": "semiconductors",
        ]
        fields.merge(changes) { $1 }
        let pairs = [("version", version), ("loaded", loaded), ("csrf", browser.csrf)] + fields.map { ($0.key, $0.value) }
        return try await WebBrowser.post(browser.node, "/records/\(id)", pairs, cookie: browser.cookie)
    }

    @Test func oneLineFieldsWithALineBreakAreEditedInATextAreaThatKeepsIt() async throws {
        try await withNode { node in
            let id = try await makeMultiLineRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let page = try await browser.get("/records/\(id)/edit").text
            #expect(page.contains(#"<textarea id="f-title" name="title" maxlength="200" rows="3" class="lines""#))
            #expect(page.contains(">\nTata Electronics\nDholera fab</textarea>"))
            #expect(page.contains(">\nMicron\nTechnology</textarea>"))
            #expect(page.contains(#"<input type="text" id="f-in_party" name="in_party""#), "fields without a line break stay one line")
        }
    }

    @Test func savingOnlyTheStatusWritesOnlyTheStatus() async throws {
        try await withNode { node in
            let id = try await makeMultiLineRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let saved = try await submit(browser, id, ["status": "contacted"])
            #expect(saved.header("location") == "/records/\(id)?done=saved")

            let state = try #require(try await node.store.state(id: id))
            #expect(state.displayValues["title"] == .text("Tata Electronics\nDholera fab"))
            #expect(state.displayValues["us_party"] == .text("Micron\nTechnology"))
            #expect(state.displayValues["notes"] == .text("Line A\nLine B"))
            let last = try #require(try await node.store.events(id: id).max { $0.dot.counter < $1.dot.counter })
            #expect(Set(last.values.keys).subtracting([deletedField]) == ["status"], "the save wrote \(last.values.keys.sorted())")

            let untouched = try await submit(browser, id, ["status": "contacted"])
            #expect(untouched.header("location") == "/records/\(id)?done=nochange")
        }
    }

    @Test func notesTypedInTheFormAreStoredWithLF() async throws {
        try await withNode { node in
            let id = try await makeMultiLineRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let saved = try await submit(browser, id, ["notes": "Line A\r\nLine B\r\nLine C"])
            #expect(saved.header("location") == "/records/\(id)?done=saved")
            let state = try #require(try await node.store.state(id: id))
            #expect(state.displayValues["notes"] == .text("Line A\nLine B\nLine C"))
        }
    }

    @Test func theRecordPageKeepsLineBreaksInValues() async throws {
        try await withNode { node in
            let id = try await makeMultiLineRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .reader)
            #expect(try await browser.get("/records/\(id)").text.contains("<dd>Line A\nLine B</dd>"))
            #expect(
                try await browser.get("/static/liaison.css").text.contains("dl.fields dd, .option .value, .history .value { white-space: pre-line; }")
            )
        }
    }
}
