import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Web: importing a spreadsheet (preview, problems, confirm)")
struct WebImportTests {
    static let good =
        "Title;Type;Tracks;Status;Value USD\r\nFab JV;Investment;Semiconductors;In Discussion;\"$1,200\"\r\nLithium;Joint Venture;critical minerals, sccp;Closed Won;5\r\n"

    @Test func previewThenConfirmImportsAndASecondImportAsks() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            #expect(try await browser.get("/records").text.contains("href=\"/import\""))
            #expect(try await browser.get("/import").status == 200)

            let preview = try await browser.post("/import", ["csv": Self.good, "name": "deals.csv", "map": ""])
            #expect(preview.status == 200)
            #expect(preview.text.contains("will create 2 records"), "\(preview.text)")
            #expect(preview.text.contains("Fab JV") && preview.text.contains("value_usd"))
            #expect(try await node.store.count(matching: RecordQuery()) == 0, "a preview writes nothing")

            let done = try await browser.post("/import", ["csv": Self.good, "name": "deals.csv", "map": "", "confirm": "1"])
            #expect(done.status == 303 && done.header("location") == "/records?done=imported&created=2&updated=0&unchanged=0")
            #expect(try await browser.follow(done)?.text.contains("Imported: 2 created, 0 updated, 0 unchanged.") == true)
            #expect(try await node.store.count(matching: RecordQuery()) == 2)
            let (states, _) = try await node.store.list(RecordQuery(text: "Fab JV"))
            #expect(states.first?.displayValues["value_usd"] == .number(1_200))

            let twice = try await browser.post("/import", ["csv": Self.good, "name": "deals.csv", "map": "", "confirm": "1"])
            #expect(twice.status == 409 && twice.text.contains("imported already"), "\(twice.text)")
            #expect(try await node.store.count(matching: RecordQuery()) == 2)
        }
    }

    @Test func aChosenFileArrivesAsItsBytesSoLineBreaksAndItsEncodingSurvive() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            // An exported value with a line break (LF), in a Windows-1252 file ("Café").
            let sheet =
                Data("Title,Type,Tracks,Notes\r\nFab JV,investment,ipef,\"two\nlines\"\r\nCaf".utf8) + Data([0xE9])
                + Data(",investment,ipef,x\r\n".utf8)
            let bytes = sheet.base64EncodedString()
            let preview = try await browser.post("/import", ["csv_bytes": bytes, "name": "export.csv", "map": ""])
            #expect(preview.status == 200 && preview.text.contains("will create 2 records"), "\(preview.text)")
            #expect(preview.text.contains("name=\"csv_bytes\""), "the confirm form sends the file again as its bytes")
            let done = try await browser.post("/import", ["csv_bytes": bytes, "name": "export.csv", "map": "", "confirm": "1"])
            #expect(done.status == 303 && done.header("location") == "/records?done=imported&created=2&updated=0&unchanged=0")
            #expect(try await browser.follow(done)?.text.contains("Imported: 2 created, 0 updated, 0 unchanged.") == true)
            let notes = try await node.store.list(RecordQuery(text: "fab")).states.first?.displayValues["notes"]
            #expect(notes == .text("two\nlines"), "not CRLF, as a text box would have sent it")
            #expect(try await node.store.list(RecordQuery(text: "café")).states.count == 1)

            let garbled = try await browser.post("/import", ["csv_bytes": "not base64!", "name": "export.csv", "map": ""])
            #expect(garbled.status == 400 && garbled.text.contains("did not arrive whole"))
        }
    }

    /// A file within the page's limit whose text outgrows it as UTF-8 (a Windows-1252 file of
    /// accents, twice as large; Unicode Text of Hindi grows by half) is refused at the preview,
    /// naming its size: its confirm, which carries the text as UTF-8, was refused as a body over
    /// the API's limit, in raw JSON, after a preview that said every row was good.
    @Test func aFileTheConfirmCouldNotCarryIsRefusedAtThePreview() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let limit = (16 << 20) / 3 * 2  // the page's (WebRoutes.importMaxFileBytes), within 16 MiB
            let row = Data("event,Caf".utf8) + Data(repeating: 0xE9, count: 400) + Data(",ipef\r\n".utf8)  // é in Windows-1252
            let sheet = Data("type,title,tracks\r\n".utf8) + (0..<(limit / 800 + 1)).reduce(into: Data()) { file, _ in file += row }
            let utf8 = sheet.count + sheet.count { $0 == 0xE9 }
            #expect(sheet.count <= limit && utf8 > limit)
            // Sent as the page sends it, given the time a large body takes to read in a debug build under load.
            let body = [("csrf", browser.csrf), ("csv_bytes", sheet.base64EncodedString()), ("name", "accents.csv"), ("map", "")]
                .map { "\($0.0)=\(WebBrowser.encode($0.1))" }.joined(separator: "&")
            let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", browser.cookie)]
            let preview = Reply(
                response: try await node.client.send(
                    HTTPRequest(method: "POST", url: node.base + "/import", headers: headers, body: Array(body.utf8), timeout: 120)
                )
            )
            #expect(preview.status == 400)
            #expect(preview.text.contains("accents.csv is \(utf8) bytes as UTF-8 text, more than the page can carry"), "\(preview.text.prefix(2000))")
            #expect(!preview.text.contains("Every row is good"))
            #expect(try await node.store.count(matching: RecordQuery()) == 0)
        }
    }

    /// A sheet re-saved by US-locale Excel as "Unicode Text" (UTF-16, tab-separated): the
    /// preview says its dates are read month first and why; a chosen order is kept to the confirm.
    @Test func aUnicodeTextFileWithUSDatesPreviewsItsDateOrderAndImports() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let sheet = "Title\tType\tTracks\tOpened On\r\nFab JV\tInvestment\tipef\t03/04/2026\r\nWind JV\tInvestment\tipef\t12/31/2026\r\n"
            let bytes = (Data([0xFF, 0xFE]) + sheet.data(using: .utf16LittleEndian)!).base64EncodedString()

            let page = try await browser.get("/import")
            #expect(page.text.contains("<option value=\"month-first\">Month first, MM/DD/YYYY</option>"), "\(page.text)")
            let preview = try await browser.post("/import", ["csv_bytes": bytes, "name": "deals.txt", "map": ""])
            #expect(preview.status == 200 && preview.text.contains("will create 2 records"), "\(preview.text)")
            #expect(
                preview.text.contains("Slash dates are read month first (MM/DD/YYYY), as row 3&#39;s opened_on &quot;12/31/2026&quot; shows."),
                "\(preview.text)"
            )

            let dayFirst = try await browser.post("/import", ["csv_bytes": bytes, "name": "deals.txt", "map": "", "dates": "day-first"])
            #expect(dayFirst.status == 400, "\(dayFirst.text)")
            #expect(dayFirst.text.contains("row 3, opened_on: must be a date YYYY-MM-DD or DD/MM/YYYY (day first)"), "\(dayFirst.text)")
            #expect(dayFirst.text.contains("<option value=\"day-first\" selected>"), "the choice stays chosen")

            let monthFirst = try await browser.post("/import", ["csv_bytes": bytes, "name": "deals.txt", "map": "", "dates": "month-first"])
            #expect(monthFirst.text.contains("<input type=\"hidden\" name=\"dates\" value=\"month-first\">"), "the confirm form keeps it")
            let done = try await browser.post(
                "/import",
                ["csv_bytes": bytes, "name": "deals.txt", "map": "", "dates": "month-first", "confirm": "1"]
            )
            #expect(done.status == 303 && done.header("location") == "/records?done=imported&created=2&updated=0&unchanged=0")
            #expect(try await browser.follow(done)?.text.contains("Imported: 2 created, 0 updated, 0 unchanged.") == true)
            let (states, _) = try await node.store.list(RecordQuery(text: "Fab JV"))
            #expect(states.first?.displayValues["opened_on"] == .text("2026-03-04"))

            let bad = try await browser.post("/import", ["csv_bytes": bytes, "name": "deals.txt", "map": "", "dates": "us"])
            #expect(bad.status == 400 && bad.text.contains("Slash dates are day-first or month-first, not “us”."), "\(bad.text)")
        }
    }

    @Test func everyProblemIsListedAndNothingIsWritten() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            // Row 3 as Excel numbers it starts on line 4: row 2's deal name holds a line break.
            let bad = "Deal;Type;Tracks;Value USD\r\n\"A\r\nJV\";Investment;sccp;TBD\r\nB;Nope;sccp;1\r\n"
            let reply = try await browser.post("/import", ["csv": bad, "name": "bad.csv", "map": "Deal=title", "confirm": "1"])
            #expect(reply.status == 400)
            #expect(reply.text.contains("row 2, value_usd: must be a number ≥ 0, got &quot;TBD&quot;"), "\(reply.text)")
            #expect(reply.text.contains("row 3, type: must be one of"))
            #expect(reply.text.contains("nothing imported: 2 bad rows, 2 problems"))
            // The preview numbers its rows as the problems do.
            #expect(reply.text.contains("<th scope=\"col\">Row</th>"))
            #expect(reply.text.contains("<td class=\"num muted\">3</td><td>B</td>"), "\(reply.text)")
            #expect(try await node.store.count(matching: RecordQuery()) == 0)
            let reader = try await WebBrowser.signIn(node, as: .reader)
            #expect(try await reader.post("/import", ["csv": Self.good, "name": "x.csv", "confirm": "1"]).status == 403)
        }
    }

    /// A file of many bad rows lists its first problems and how many more: a million made a page
    /// of 187 MB, and a gigabyte of the node's memory to make it.
    @Test func aFileOfManyBadRowsListsTheFirstProblemsAndHowManyMore() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let bad = "title,type,tracks\n" + String(repeating: "x,zz,ipef\n", count: 250)
            let reply = try await browser.post("/import", ["csv": bad, "name": "bad.csv", "map": ""])
            #expect(reply.status == 400)
            #expect(reply.text.components(separatedBy: "type: must be one of").count - 1 == 200)
            #expect(reply.text.contains("… and 50 more; `liaison import` on the node lists every one"), "\(reply.text.suffix(3000))")
        }
    }

    /// A column that is no field, and an id column of the spreadsheet's own numbering, are
    /// advised in the page's terms (a line of its Columns to map box), not the command line's
    /// `--map`; the lines advised then import the file.
    @Test func mapAdviceNamesALineOfTheMapBox() async throws {
        try await withNode { node in
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let csv = "No,Title,Type,Tracks,Colour\n1,Lithium JV,investment,sccp,red\n"
            let reply = try await browser.post("/import", ["csv": csv, "name": "deals.csv", "map": "No=id"])
            #expect(reply.status == 400)
            #expect(
                reply.text.contains(
                    "column &quot;Colour&quot; is not a field; map it with the line “Colour=FIELD” in Columns to map or skip it with the line “Colour=” in Columns to map"
                ),
                "\(reply.text)"
            )
            #expect(reply.text.contains("own numbering, skip it with the line “COLUMN=” in Columns to map"), "\(reply.text)")
            #expect(!reply.text.contains("--map"), "\(reply.text)")
            let wrong = try await browser.post("/import", ["csv": csv, "name": "deals.csv", "map": "No=id\nColour"])
            #expect(wrong.text.contains("The line “Colour” in Columns to map: expected COLUMN=FIELD."), "\(wrong.text)")

            let advised = try await browser.post("/import", ["csv": csv, "name": "deals.csv", "map": "No=\nColour="])
            #expect(advised.status == 200 && advised.text.contains("Every row is good"), "\(advised.text)")
        }
    }

    /// The page's Download CSV, edited and imported after someone else changed the record: the
    /// preview says which fields the row writes, and the import keeps the other person's edit.
    @Test func anOldDownloadEditedAndImportedKeepsTheEditsMadeSince() async throws {
        try await withNode { node in
            let record = try await node.store.create(
                ["title": .text("GE Aerospace Pune plant"), "type": .text("investment"), "tracks": .list(["ipef"])],
                author: "priya"
            )
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let download = try await browser.get("/records.csv")
            _ = try await node.store.update(
                id: record.id,
                ["status": .text("mou_signed"), "value_usd": .number(9_000_000)],
                readContext: nil,
                author: "ravi"
            )
            let edited = download.text.replacingOccurrences(of: "Pune plant", with: "Pune Plant")
            let bytes = Data(edited.utf8).base64EncodedString()

            let preview = try await browser.post("/import", ["csv_bytes": bytes, "name": "records.csv", "map": ""])
            #expect(preview.status == 200 && preview.text.contains("update \(record.id): title</li>"), "\(preview.text)")
            let done = try await browser.post("/import", ["csv_bytes": bytes, "name": "records.csv", "map": "", "confirm": "1"])
            #expect(try await browser.follow(done)?.text.contains("0 created, 1 updated") == true)
            let state = try #require(try await node.store.state(id: record.id))
            #expect(state.displayValues["title"] == .text("GE Aerospace Pune Plant"))
            #expect(state.displayValues["status"] == .text("mou_signed"))
            #expect(state.displayValues["value_usd"] == .number(9_000_000))
            #expect(state.conflictedFields.isEmpty)
        }
    }

    /// A download whose `deleted` cell is set to `true` after someone edited the record: the
    /// preview says the delete stands against that edit, naming the field it changed.
    @Test func thePreviewSaysADeleteStandsAgainstAnEditMadeSince() async throws {
        try await withNode { node in
            let record = try await node.store.create(
                ["title": .text("GE Aerospace Pune plant"), "type": .text("investment"), "tracks": .list(["ipef"])],
                author: "priya"
            )
            let browser = try await WebBrowser.signIn(node, as: .editor)
            var edited = try await browser.get("/records.csv").text
            _ = try await node.store.update(id: record.id, ["notes": .text("Site visit on Tuesday")], readContext: nil, author: "ravi")
            // The row's `deleted` cell, just before its `version`, the last cell.
            edited.insert(contentsOf: "true", at: try #require(edited.lastIndex(of: ",")))
            let bytes = Data(edited.utf8).base64EncodedString()

            let preview = try await browser.post("/import", ["csv_bytes": bytes, "name": "records.csv", "map": ""])
            #expect(
                preview.status == 200
                    && preview.text.contains(
                        "update \(record.id): deleted (conflict on deleted: the record was edited since the export (notes))</li>"
                    ),
                "\(preview.text)"
            )
        }
    }
}
