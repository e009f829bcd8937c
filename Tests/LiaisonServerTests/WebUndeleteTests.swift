import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Web: a record deleted by mistake comes back with Restore")
struct WebUndeleteTests {
    @Test func anEditorRestoresADeletedRecordFromItsPage() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let confirm = try await editor.get("/records/\(id)/delete")
            #expect(confirm.text.contains("You can undo it"))
            let version = try #require(WebBrowser.hidden("version", in: confirm.text))
            #expect(try await editor.post("/records/\(id)/delete", ["version": version]).header("location") == "/records?done=deleted")
            #expect(try await editor.get("/records?done=deleted").text.contains("press Restore on its page"))

            let page = try await editor.get("/records/\(id)")
            #expect(page.text.contains("action=\"/records/\(id)/undelete\""))
            #expect(!page.text.contains("/records/\(id)/edit\""))
            let shown = try #require(WebBrowser.hidden("version", in: page.text))
            #expect(try await editor.post("/records/\(id)/undelete", ["version": shown], csrf: "").status == 403)
            #expect(try await node.store.state(id: id)?.isDeleted == true)

            let restored = try await editor.post("/records/\(id)/undelete", ["version": shown])
            #expect(restored.status == 303)
            #expect(restored.header("location") == "/records/\(id)?done=undeleted")
            let state = try #require(try await node.store.state(id: id))
            #expect(!state.isDeleted && state.conflictedFields.isEmpty)
            let after = try await editor.get("/records/\(id)?done=undeleted")
            #expect(after.text.contains("The record was restored"))
            #expect(after.text.contains("/records/\(id)/edit\""), "it can be edited again")
            #expect(try await editor.get("/records").text.contains("/records/\(id)\""), "it is listed again")

            let again = try await editor.post("/records/\(id)/undelete", ["version": shown])
            #expect(again.status == 409)
            #expect(again.text.contains("This record is not deleted"))
        }
    }

    @Test func readersSeeNoRestoreAndCannotPostIt() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            _ = try await node.store.delete(id: id, readContext: nil, author: "asha")
            let reader = try await WebBrowser.signIn(node, as: .reader)
            let page = try await reader.get("/records/\(id)")
            #expect(page.status == 200 && !page.text.contains("/undelete"))
            let version = try #require(try await node.store.state(id: id)).version.description
            #expect(try await reader.post("/records/\(id)/undelete", ["version": version]).status == 403)
            #expect(try await node.store.state(id: id)?.isDeleted == true)
        }
    }

    /// A resolution posted for a record with no conflict answered 400 with no message.
    @Test func aResolutionWithNoConflictSaysWhatIsWrong() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            _ = try await node.store.delete(id: id, readContext: nil, author: "asha")
            let editor = try await WebBrowser.signIn(node, as: .editor)
            let version = try #require(try await node.store.state(id: id)).version.description
            let refused = try await editor.post("/records/\(id)/resolve", ["version": version, "pick.deleted": "false"])
            #expect(refused.status == 400)
            #expect(refused.text.contains("This record has no conflicts to resolve, so nothing was saved."))
            #expect(refused.text.contains("press Restore on its page"))
            #expect(try await node.store.state(id: id)?.isDeleted == true)
        }
    }
}
