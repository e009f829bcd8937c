import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore
import TestProcesses
import Testing

@Suite("Web: forms sent while the store is busy come back as pages, filled")
struct WebBusyStoreTests {
    @Test func signInNewAndEditFormsWhileAnotherProcessHoldsTheStoreKeepWhatWasTyped() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let edit = try await browser.get("/records/\(id)/edit")
            let version = try #require(WebBrowser.hidden("version", in: edit.text))
            let loaded = try #require(WebBrowser.hidden("loaded", in: edit.text))
            try await node.store.addAccount(name: "ed", role: .editor, password: WebBrowser.password)
            // What `liaison import` of a large file does from another process: hold the write lock.
            let other = try await HeldStoreLock.take(path: node.directory.appendingPathComponent(LiaisonStore.fileName).path)
            async let signingIn = WebBrowser.signInForm(node, ["username": "ed", "password": WebBrowser.password])
            async let creating = browser.post(
                "/records",
                ["title": "Typed while busy", "type": "event", "tracks": "sccp", "office": "mumbai", "status": "identified"]
            )
            async let editing = browser.post(
                "/records/\(id)",
                [
                    "version": version, "loaded": loaded, "title": "Edited while busy", "type": "joint_venture",
                    "tracks": "critical_minerals", "critical_minerals.mineral": "lithium", "office": "mumbai", "status": "identified",
                ]
            )
            let (signIn, created, edited) = try await (signingIn, creating, editing)
            try await other.release()

            #expect(signIn.status == 503 && signIn.header("content-type")?.hasPrefix("text/html") == true, "\(signIn.text)")
            #expect(signIn.text.contains("the store is busy"))
            #expect(signIn.text.contains(#"name="username" value="ed""#), "the user name stays filled in")
            #expect(WebBrowser.setCookie(node.sessionCookieName, in: signIn) == nil)
            for (page, typed) in [(created, "Typed while busy"), (edited, "Edited while busy")] {
                #expect(page.status == 503 && page.header("content-type")?.hasPrefix("text/html") == true)
                #expect(page.text.contains("the store is busy"), "\(page.text)")
                #expect(page.text.contains(#"value="\#(typed)""#), "what was typed is kept")
                #expect(!page.text.contains("Something went wrong"))
            }
            #expect(WebBrowser.hidden("version", in: edited.text) == version, "the edit keeps the version it was loaded with")
            #expect(try await node.store.count(matching: RecordQuery()) == 1, "nothing was written")
            #expect(try await node.store.state(id: id)?.displayValues["title"]?.textValue == "Lithium refining JV")
        }
    }
}
