import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Web: records, forms, conflicts and resolution")
struct WebRecordsTests {
    @Test func everyPageRenders() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .admin)
            for path in [
                "/records", "/records?q=lithium&office=mumbai&track=critical_minerals&status=identified&sort=title&page=1",
                "/records?conflicted=1", "/records?deleted=1", "/records/new", "/records/\(id)", "/records/\(id)/edit",
                "/records/\(id)/delete", "/conflicts", "/reports", "/reports/overview", "/sync",
            ] {
                let reply = try await browser.get(path)
                #expect(reply.status == 200, "\(path)")
                #expect(reply.text.hasPrefix("<!DOCTYPE html>"), "\(path)")
                #expect(reply.header("cache-control") == "no-store", "\(path)")
            }
            #expect(try await browser.get("/records/nope").status == 404)
            #expect(try await browser.get("/reports/nope").status == 404)
            // Downloads are private too: no browser or proxy keeps them (the records' CSV and one
            // report table's had no Cache-Control).
            for path in ["/records.csv", "/reports/overview/download?format=csv&table=office_track", "/reports/overview/download?format=csv"] {
                let download = try await browser.get(path)
                #expect(download.status == 200, "\(path): \(download.text)")
                #expect(download.header("cache-control") == "no-store" && download.header("x-content-type-options") == "nosniff", "\(path)")
            }

            let list = try await browser.get("/records?q=lithium")
            #expect(list.text.contains("/records/\(id)"))
            let none = try await browser.get("/records?q=no-such-words")
            #expect(!none.text.contains("/records/\(id)\""))
            #expect(none.text.contains("No records match"))
        }
    }

    @Test func theListSaysWhileALoadInBulkIsUnderWay() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .reader)
            let notice = "This office is loading records from another office"
            #expect(!(try await browser.get("/records").text.contains(notice)))
            let during = try await node.store.loadingInBulk(20_000, threshold: 10) { bulk in
                #expect(bulk)
                return try await browser.get("/records").text
            }
            #expect(during.contains(notice))
            #expect(!(try await browser.get("/records").text.contains(notice)), "gone once the load ends")
        }
    }

    @Test func theListPagesByCursorWithNextAndPrevious() async throws {
        try await withNode { node in
            for index in 1...30 { _ = try await makeRecord(node, title: "Deal \(100 + index)") }
            let browser = try await WebBrowser.signIn(node, as: .reader)
            func link(_ page: String, _ rel: String) throws -> String {
                let marker = try #require(page.range(of: "\" rel=\"\(rel)\""), "no \(rel) link")
                let start = try #require(page[..<marker.lowerBound].range(of: "href=\"", options: .backwards))
                return String(page[start.upperBound..<marker.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
            }
            let first = try await browser.get("/records?sort=title").text
            #expect(first.contains("Records 1–25 of 30") && first.contains("Deal 101") && !first.contains("Deal 126"))
            #expect(!first.contains("rel=\"prev\""))
            let second = try await browser.get(try link(first, "next")).text
            #expect(second.contains("Records 26–30 of 30") && second.contains("Deal 130") && !second.contains("Deal 125<"))
            #expect(!second.contains("rel=\"next\""))
            let back = try await browser.get(try link(second, "prev")).text
            #expect(back.contains("Records 1–25 of 30") && back.contains("Deal 101"))

            // A page number edited by hand only numbers the page, up to a bound; the largest
            // integer stopped the node (its rows' numbers overflowed).
            let far = try link(first, "next").replacingOccurrences(of: "page=2", with: "page=9223372036854775807")
            let numbered = try await browser.get(far).text
            #expect(numbered.contains("Page 1000000000") && numbered.contains("Deal 130"), "\(numbered)")
        }
    }

    @Test func theNewFormIsGeneratedFromTheSchema() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let page = try await browser.get("/records/new").text
            // Choices as <select>, sets as checkboxes, dates as dates, money as money, help text, labels.
            #expect(page.contains(#"<select id="f-type" name="type""#))
            #expect(page.contains(#"type="checkbox" id="f-tracks-critical_minerals" name="tracks" value="critical_minerals""#))
            #expect(page.contains(#"<input type="date" id="f-opened_on" name="opened_on""#))
            #expect(page.contains(#"id="f-value_usd" name="value_usd" value="" step="0.01" min="0""#))
            #expect(page.contains(">USD</span>"))
            #expect(page.contains("sme: under 500 employees."))
            #expect(page.contains(#"<fieldset data-track="critical_minerals" hidden>"#))
            #expect(page.contains(#"<select id="f-critical_minerals-mineral" name="critical_minerals.mineral""#))
            for field in node.store.schema.fields {
                let id = "f-" + field.name.replacingOccurrences(of: ".", with: "-")
                #expect(page.contains("<label for=\"\(id)\">") || page.contains("<legend>\(field.label)"), "\(field.name)")
            }
        }
    }

    @Test func creatingWithTrackFieldsAndFieldsOfUnselectedTracksIgnored() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let reply = try await browser.post(
                "/records",
                [
                    "title": "Graphite anode plant", "type": "investment", "office": "chennai", "status": "contacted",
                    "tracks": "critical_minerals", "critical_minerals.mineral": "graphite", "critical_minerals.stage": "processing_refining",
                    "semiconductors.segment": "", "value_usd": "1250000.50", "opened_on": "2026-02-03", "underserved_owned": "true",
                ]
            )
            #expect(reply.status == 303)
            let location = try #require(reply.header("location"))
            #expect(location.hasSuffix("?done=created"))
            let id = String(location.dropFirst("/records/".count).prefix { $0 != "?" })
            let state = try #require(try await node.store.state(id: id))
            let values = state.displayValues
            #expect(values["critical_minerals.mineral"] == .text("graphite"))
            #expect(values["value_usd"] == .number(1_250_000.5))
            #expect(values["underserved_owned"] == .bool(true))
            #expect(values["office"] == .text("chennai"))
            #expect(state.writes.values.allSatisfy { $0.author == "editor-user" })
            let page = try await browser.get(location)
            #expect(page.text.contains("The record was created."))
            #expect(page.text.contains("USD 1,250,000.50"))
            #expect(page.text.contains("Graphite"))
        }
    }

    @Test func validationErrorsShowNextToTheFieldKeepingWhatWasTyped() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let reply = try await browser.post(
                "/records",
                [
                    "title": "", "type": "investment", "office": "mumbai", "status": "identified", "tracks": "sccp",
                    "naics": "12x", "value_usd": "-5", "opened_on": "2026-02-30", "notes": "Typed <notes> & kept",
                ]
            )
            #expect(reply.status == 400)
            let page = reply.text
            #expect(page.contains(#"<p class="error-text" id="f-title-error">Title is required</p>"#))
            #expect(page.contains(#"id="f-naics-error">NAICS code must be 2 to 6 digits"#))
            #expect(page.contains(#"id="f-value_usd-error">Value (USD) must be a number ≥ 0"#))
            #expect(page.contains(#"id="f-opened_on-error">"#))
            #expect(page.contains(#"name="naics" value="12x""#))
            #expect(page.contains(#"name="value_usd" value="-5""#))
            #expect(page.contains(#"name="opened_on" value="2026-02-30""#))
            #expect(page.contains("Typed &lt;notes&gt; &amp; kept</textarea>"))
            #expect(page.contains(#"value="sccp" checked"#))
            #expect(page.contains(#"aria-invalid="true""#))
            #expect(try await node.store.counts().records == 0)

            // No track at all: the store's check names the field.
            let noTrack = try await browser.post("/records", ["title": "T", "type": "event", "office": "mumbai", "status": "identified"])
            #expect(noTrack.status == 400)
            #expect(noTrack.text.contains(#"id="f-tracks-error">Tracks"#))
        }
    }

    @Test func anEditSavesOnlyWhatChanged() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let edit = try await browser.get("/records/\(id)/edit")
            let version = try #require(WebBrowser.hidden("version", in: edit.text))
            let loaded = try #require(WebBrowser.hidden("loaded", in: edit.text))
            #expect(edit.text.contains(#"name="title" value="Lithium refining JV""#))
            let same: KeyValuePairs<String, String> = [
                "version": version, "loaded": loaded, "title": "Lithium refining JV", "type": "joint_venture", "office": "mumbai",
                "status": "identified", "tracks": "critical_minerals", "value_usd": "2500000", "critical_minerals.mineral": "lithium",
            ]
            let before = try await node.store.state(id: id)
            let unchanged = try await browser.post("/records/\(id)", same)
            #expect(unchanged.header("location") == "/records/\(id)?done=nochange")
            let said = try await browser.follow(unchanged)?.text ?? ""
            #expect(said.contains("Nothing was changed, so nothing was saved."), "\(said)")
            #expect(try await node.store.state(id: id) == before, "no new version, no history entry")
            let saved = try await browser.post(
                "/records/\(id)",
                [
                    "version": version, "loaded": loaded, "title": "Lithium refining JV", "type": "joint_venture", "office": "mumbai",
                    "status": "in_discussion", "tracks": "critical_minerals", "value_usd": "2500000", "critical_minerals.mineral": "lithium",
                ]
            )
            #expect(saved.header("location") == "/records/\(id)?done=saved")
            let state = try #require(try await node.store.state(id: id))
            #expect(state.displayValues["status"] == .text("in_discussion"))
            #expect(state.conflictedFields.isEmpty)
        }
    }

    @Test func aSaveOverAStalePageBecomesAConflictAndIsResolvedInThePage() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let edit = try await browser.get("/records/\(id)/edit")
            let version = try #require(WebBrowser.hidden("version", in: edit.text))
            let loaded = try #require(WebBrowser.hidden("loaded", in: edit.text))

            // Someone else saves first, through the API, from the same version.
            let patched = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: node.token(.admin),
                json: #"{"title":"Lithium JV (API)"}"#,
                headers: [("If-Match", "\"\(version)\"")]
            )
            #expect(patched.status == 200)

            let saved = try await browser.post(
                "/records/\(id)",
                [
                    "version": version, "loaded": loaded, "title": "Lithium JV (page)", "type": "joint_venture", "office": "mumbai",
                    "status": "identified", "tracks": "critical_minerals", "value_usd": "2500000", "critical_minerals.mineral": "lithium",
                ]
            )
            #expect(saved.header("location") == "/records/\(id)?done=conflict")
            let state = try #require(try await node.store.state(id: id))
            #expect(state.conflictedFields == ["title"])

            let page = try await browser.get("/records/\(id)?done=conflict")
            #expect(page.text.contains("Resolve conflicts"))
            #expect(page.text.contains("Lithium JV (API)") && page.text.contains("Lithium JV (page)"))
            #expect(page.text.contains("admin-token") && page.text.contains("editor-user"))
            #expect(page.text.contains("Edited at <strong>Mumbai</strong>"))
            let conflicts = try await browser.get("/conflicts")
            #expect(conflicts.text.contains("/records/\(id)#resolve"))
            #expect(conflicts.text.contains("<bdi>admin-token</bdi> (Mumbai), <bdi>editor-user</bdi> (Mumbai)"), "\(conflicts.text)")

            // Pick the API's value.
            let current = try #require(WebBrowser.hidden("version", in: page.text))
            let index = state.entries(of: "title").firstIndex { $0.value == .text("Lithium JV (API)") }!
            // A resolution against an older version is refused and changes nothing.
            let stale = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.title": "v\(index)"])
            #expect(stale.status == 409)
            let nothing = try await browser.post("/records/\(id)/resolve", ["version": current])
            #expect(nothing.status == 400)
            let resolved = try await browser.post("/records/\(id)/resolve", ["version": current, "pick.title": "v\(index)"])
            #expect(resolved.header("location") == "/records/\(id)?done=resolved")
            let after = try #require(try await node.store.state(id: id))
            #expect(after.conflictedFields.isEmpty)
            #expect(after.displayValues["title"] == .text("Lithium JV (API)"))
        }
    }

    @Test func aNewValueCanSettleAConflict() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let state = try #require(try await node.store.state(id: id))
            _ = try await node.store.update(id: id, ["value_usd": .number(1)], readContext: state.context, author: "a")
            _ = try await node.store.update(id: id, ["value_usd": .number(2)], readContext: state.context, author: "b")
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let page = try await browser.get("/records/\(id)")
            #expect(page.text.contains(#"name="new.value_usd""#))
            let version = try #require(WebBrowser.hidden("version", in: page.text))
            let bad = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.value_usd": "new", "new.value_usd": "abc"])
            #expect(bad.status == 400)
            #expect(bad.text.contains("Value (USD) must be a number"))
            let good = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.value_usd": "new", "new.value_usd": "3000000"])
            #expect(good.status == 303)
            #expect(try await node.store.state(id: id)?.displayValues["value_usd"] == .number(3_000_000))
        }
    }

    @Test func aValueWrittenTwiceInAConflictIsOneChoiceWithBothWrites() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let state = try #require(try await node.store.state(id: id))
            // Three saves from the same version: two of them the same value.
            for (value, author) in [(1.0, "asha"), (2.0, "ravi"), (2.0, "priya")] {
                _ = try await node.store.update(id: id, ["value_usd": .number(value)], readContext: state.context, author: author)
            }
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let page = try await browser.get("/records/\(id)")
            #expect(page.text.contains("Value (USD): 2 values"), "\(page.text)")
            #expect(page.text.components(separatedBy: #"name="pick.value_usd" value="v"#).count == 3, "one choice for each value")
            #expect(page.text.contains("<strong><bdi>ravi</bdi></strong>") && page.text.contains("<strong><bdi>priya</bdi></strong>"))
            #expect(!page.text.contains("Offices changed"), "it was one office")

            let two = try #require(try await node.store.state(id: id)?.entries(of: "value_usd").firstIndex { $0.value == .number(2) })
            let version = try #require(WebBrowser.hidden("version", in: page.text))
            let resolved = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.value_usd": "v\(two)"])
            #expect(resolved.status == 303)
            let after = try #require(try await node.store.state(id: id))
            #expect(after.conflictedFields.isEmpty && after.displayValues["value_usd"] == .number(2))
        }
    }

    @Test func deleteWithConfirmationAndDeleteVersusEdit() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let confirm = try await browser.get("/records/\(id)/delete")
            #expect(confirm.text.contains("Yes, delete this record"))
            let version = try #require(WebBrowser.hidden("version", in: confirm.text))
            // An edit arrives from elsewhere before the delete is confirmed.
            _ = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: node.token(.admin),
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", "\"\(version)\"")]
            )
            let deleted = try await browser.post("/records/\(id)/delete", ["version": version])
            #expect(deleted.header("location") == "/records/\(id)?done=conflict")
            let page = try await browser.get("/records/\(id)")
            #expect(page.text.contains("Deleted at one office, edited at another"))
            #expect(page.text.contains("Keep deleted") && page.text.contains("Restore (keep the record)"))
            #expect(page.text.contains("Deleted at <strong>Mumbai</strong> by <strong><bdi>editor-user</bdi></strong>"))
            #expect(page.text.contains("Edited at <strong>Mumbai</strong> by <strong><bdi>admin-token</bdi></strong>"))
            let current = try #require(WebBrowser.hidden("version", in: page.text))
            // While it is open, Keep deleted or Restore settles it, not a second delete.
            #expect(!page.text.contains("href=\"/records/\(id)/delete\""))
            let confirmAgain = try await browser.get("/records/\(id)/delete")
            #expect(confirmAgain.status == 303 && confirmAgain.header("location") == "/records/\(id)#c-deleted")
            let open = try await node.store.currentSequence()
            let overruled = try await browser.post("/records/\(id)/delete", ["version": current])
            #expect(overruled.status == 409)
            #expect(overruled.text.contains("This record was deleted at one office and edited at another, so nothing was deleted"))
            #expect(overruled.text.contains("Keep deleted") && overruled.text.contains("Restore (keep the record)"))
            #expect(try await node.store.currentSequence() == open)
            let restored = try await browser.post("/records/\(id)/resolve", ["version": current, "pick.deleted": "false"])
            #expect(restored.status == 303)
            let state = try #require(try await node.store.state(id: id))
            #expect(!state.isDeleted && state.conflictedFields.isEmpty)

            // A plain delete.
            let again = try await browser.post("/records/\(id)/delete", ["version": state.version.description])
            #expect(again.header("location") == "/records?done=deleted")
            #expect(try await node.store.state(id: id)?.isDeleted == true)
        }
    }

    /// The edit form saved after a delete conflict arrived saves its field and leaves the conflict
    /// to Keep deleted or Restore; a delete form sent again once the record is deleted (a second
    /// tab, a double click) is refused and writes nothing.
    @Test func anEditAfterADeleteConflictLeavesItOpenAndADeletedRecordIsNotDeletedAgain() async throws {
        try await withNode { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let version = try #require(WebBrowser.hidden("version", in: try await browser.get("/records/\(id)/delete").text))
            _ = try await node.send(
                "PATCH",
                "/v1/records/\(id)",
                token: node.token(.admin),
                json: #"{"notes":"called"}"#,
                headers: [("If-Match", "\"\(version)\"")]
            )
            #expect(try await browser.post("/records/\(id)/delete", ["version": version]).header("location") == "/records/\(id)?done=conflict")

            let edit = try await browser.get("/records/\(id)/edit")
            let saved = try await browser.post(
                "/records/\(id)",
                [
                    "version": try #require(WebBrowser.hidden("version", in: edit.text)),
                    "loaded": try #require(WebBrowser.hidden("loaded", in: edit.text)), "title": "Lithium refining JV",
                    "type": "joint_venture", "office": "mumbai", "status": "in_discussion", "tracks": "critical_minerals",
                    "value_usd": "2500000", "critical_minerals.mineral": "lithium", "notes": "called",
                ]
            )
            #expect(saved.header("location") == "/records/\(id)?done=saved")
            let state = try #require(try await node.store.state(id: id))
            #expect(state.conflictedFields == [deletedField] && state.displayValues["status"] == .text("in_discussion"))
            let page = try await browser.get("/records/\(id)")
            #expect(page.text.contains("Deleted at one office, edited at another"))

            let kept = try await browser.post(
                "/records/\(id)/resolve",
                ["version": try #require(WebBrowser.hidden("version", in: page.text)), "pick.deleted": "true"]
            )
            #expect(kept.status == 303)
            let before = try await node.store.currentSequence()
            let again = try await browser.post("/records/\(id)/delete", ["version": version])
            #expect(again.status == 409)
            #expect(again.text.contains("This record was already deleted"))
            #expect(try await node.store.currentSequence() == before)
            #expect(try await node.store.state(id: id)?.isDeleted == true)
        }
    }

    /// A resolution of other fields while a delete conflict is open needs Keep deleted or
    /// Restore: without it the record would be restored unasked.
    @Test func resolvingOtherFieldsOfADeleteConflictNeedsItsChoice() async throws {
        try await withNode { node in
            let id = try await Self.deletedWhileValueInConflict(node)
            #expect(try await node.store.state(id: id)?.conflictedFields.sorted() == [deletedField, "value_usd"])
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let version = try #require(WebBrowser.hidden("version", in: try await browser.get("/records/\(id)").text))
            let before = try await node.store.currentSequence()
            let refused = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.value_usd": "v0"])
            #expect(refused.status == 400)
            #expect(refused.text.contains("choose Keep deleted or Restore as well"))
            #expect(try await node.store.currentSequence() == before)
            let kept = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.value_usd": "v0", "pick.deleted": "true"])
            #expect(kept.status == 303)
            let settled = try #require(try await node.store.state(id: id))
            #expect(settled.isDeleted && settled.conflictedFields.isEmpty)
        }
    }

    /// A record on which three writers, each from the same version, set `value_usd` to 1, to 2,
    /// and deleted it: conflicts on `value_usd` and on `deleted`. Returns its id.
    static func deletedWhileValueInConflict(_ node: TestNode) async throws -> String {
        let id = try await makeRecord(node)
        let state = try #require(try await node.store.state(id: id))
        _ = try await node.store.update(id: id, ["value_usd": .number(1)], readContext: state.context, author: "a")
        _ = try await node.store.update(id: id, ["value_usd": .number(2)], readContext: state.context, author: "b")
        _ = try await node.store.delete(id: id, readContext: state.context, author: "c")
        return id
    }

    /// A hand-made resolve form (`pick.deleted=yes`, `pick.value_usd=v+1`) is refused, naming
    /// the choice, and changes nothing: only the values the page offers are choices.
    @Test func aResolveChoiceThePageDoesNotOfferIsRefused() async throws {
        try await withNode { node in
            let id = try await Self.deletedWhileValueInConflict(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let version = try #require(WebBrowser.hidden("version", in: try await browser.get("/records/\(id)").text))
            let before = try await node.store.currentSequence()
            for pick in ["yes", "keep", "1", "True"] {
                let refused = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.deleted": pick, "pick.value_usd": "v0"])
                #expect(refused.status == 400, "\(pick)")
                #expect(refused.text.contains("&quot;\(pick)&quot; is not a choice here; choose Keep deleted or Restore."), "\(pick)")
            }
            for pick in ["v+1", "v01", "v9", "2"] {
                let refused = try await browser.post("/records/\(id)/resolve", ["version": version, "pick.deleted": "false", "pick.value_usd": pick])
                #expect(refused.status == 400, "\(pick)")
                #expect(refused.text.contains("&quot;\(pick)&quot; is not a choice here; choose one of the values shown."), "\(pick)")
            }
            #expect(try await node.store.currentSequence() == before)
            let unchanged = try #require(try await node.store.state(id: id))
            #expect(unchanged.conflictedFields.sorted() == [deletedField, "value_usd"])
        }
    }

    @Test func textIsEscapedEverywhere() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let reply = try await browser.post(
                "/records",
                [
                    "title": "<script>alert(\"x\")</script>", "type": "event", "office": "mumbai", "status": "identified", "tracks": "sccp",
                ]
            )
            let location = try #require(reply.header("location"))
            for path in [location, "/records", "/records?q=%3Cscript"] {
                let page = try await browser.get(path).text
                #expect(!page.contains("<script>alert"), "\(path)")
                #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "\(path)")
            }
        }
    }
}
