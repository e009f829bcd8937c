import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// `PATCH /v1/records/{id}` and `POST /v1/records/{id}/resolve` with the values the record
/// already holds (a script that sends every field daily from a CRM): nothing is written, and the
/// answer says so (docs/design.md §4, "A write that changes nothing").
@Suite("Records through HTTP: writes that change nothing")
struct RecordNoChangeRoutesTests {
    @Test func aPatchOfTheValuesHeldWritesNothingAndAnswersChangedFalse() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            let created = try await node.send("POST", "/v1/records", token: editor, json: RecordRoutesTests.newRecord)
            let id = try #require(created.object["id"] as? String)
            let etag = try #require(created.header("etag"))
            #expect(created.object["changed"] == nil)
            let sequence = try await node.store.currentSequence()
            let feed = try await node.store.changes(since: 0, limit: 100).states.map(\.json)

            let same = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"title":"Lithium refining JV","type":"joint_venture","tracks":["critical_minerals"],"value_usd":2500000,"notes":null}"#,
                headers: [("If-Match", etag)]
            )
            #expect(same.status == 200, "\(same.text)")
            #expect(same.object["changed"] as? Bool == false)
            #expect(same.header("etag") == etag)
            #expect(same.object["version"] as? String == created.object["version"] as? String)
            #expect(try await node.store.currentSequence() == sequence)
            #expect(try await node.store.changes(since: 0, limit: 100).states.map(\.json) == feed)
            let history = try await node.send("GET", "/v1/records/\(id)/history", token: editor)
            #expect((history.object["history"] as? [Any])?.count == 1)

            let settled = try await node.send("POST", "/v1/records/\(id)/resolve", token: editor, json: #"{"title":"Lithium refining JV"}"#)
            #expect(settled.status == 200, "\(settled.text)")
            #expect(settled.object["changed"] as? Bool == false)
            #expect(settled.header("etag") == etag)

            let changed = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: editor,
                json: #"{"title":"Lithium refining JV","status":"contacted"}"#,
                headers: [("If-Match", etag)]
            )
            #expect(changed.object["changed"] as? Bool == true)
            #expect(changed.header("etag") != etag)
            #expect(try await node.store.currentSequence() == sequence + 1)
        }
    }
}
