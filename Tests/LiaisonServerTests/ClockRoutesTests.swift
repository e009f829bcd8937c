import CurlHTTP
import Foundation
import GRDB
import LiaisonCore
import LiaisonServer
import LiaisonStore
import Synchronization
import TestProcesses
import Testing

/// A node whose clock went wrong (a dead clock battery, a machine without NTP) refuses every
/// write of a record, over the API and the web page, with 503 and the clock named, and writes
/// nothing: every peer would quarantine the write's time. Reads and history still answer.
@Suite("A node with a wrong clock writes nothing")
struct ClockRoutesTests {
    /// The node's clock: the machine's until a test sets it.
    final class Clock: Sendable {
        let fixed = Mutex<Int64?>(nil)
        var now: Int64 { fixed.withLock { $0 } ?? Timestamp.millis() }
    }

    /// 1999-12-31T12:00:00Z.
    static let wrong: Int64 = IntakeLimits.earliestAt - 43_200_000

    /// Runs `body` against a node whose store's clock is `clock`.
    func withNode(_ clock: Clock, _ body: @Sendable (TestNode) async throws -> Void) async throws {
        try await withConfiguredNode(office: "mumbai", configure: { $0.syncInterval = nil }, client: .init(), now: { clock.now }, body)
    }

    @Test func everyAPIWriteAnswers503NamingTheClockAndWritesNothing() async throws {
        let clock = Clock()
        try await withNode(clock) { node in
            let editor = node.token(.editor)
            let id = try await makeRecord(node)
            let version = try #require(try await node.send("GET", "/v1/records/\(id)", token: editor).header("etag"))
            clock.fixed.withLock { $0 = Self.wrong }
            let before = try await node.store.currentSequence()
            let writes: [(String, String, String, [(name: String, value: String)])] = [
                ("POST", "/v1/records", RecordRoutesTests.newRecord, []),
                ("PATCH", "/v1/records/\(id)", #"{"notes":"y2k"}"#, [("If-Match", version)]),
                ("DELETE", "/v1/records/\(id)", "", [("If-Match", version)]),
                ("POST", "/v1/records/\(id)/resolve", #"{"status":"contacted"}"#, []),
            ]
            for (method, path, json, headers) in writes {
                let reply =
                    json.isEmpty
                    ? try await node.send(method, path, token: editor, headers: headers)
                    : try await node.send(method, path, token: editor, json: json, headers: headers)
                #expect(reply.status == 503, "\(method) \(path): \(reply.text)")
                #expect(reply.error == ClockError(clock: Self.wrong).description, "\(method) \(path)")
                #expect(reply.error.hasPrefix("this node's clock says 1999-12-31T12:00:00.000Z, outside 2000-01-01..2100-01-01"))
            }
            #expect(try await node.store.currentSequence() == before)
            let history = try await node.send("GET", "/v1/records/\(id)/history", token: editor)
            #expect(history.status == 200 && (history.object["history"] as? [Any])?.count == 1)
        }
    }

    @Test func thePageSaysTheClockIsWrongAndSavesNothing() async throws {
        let clock = Clock()
        try await withNode(clock) { node in
            let id = try await makeRecord(node)
            let browser = try await WebBrowser.signIn(node, as: .editor)
            let version = try #require(WebBrowser.hidden("version", in: try await browser.get("/records/\(id)/delete").text))
            clock.fixed.withLock { $0 = Self.wrong }
            let before = try await node.store.currentSequence()
            let created = try await browser.post(
                "/records",
                ["title": "Clock test", "type": "event", "tracks": "sccp", "office": "mumbai", "status": "identified"]
            )
            let deleted = try await browser.post("/records/\(id)/delete", ["version": version])
            for page in [created, deleted] {
                #expect(page.status == 503)
                #expect(page.text.contains("this node&#39;s clock says 1999-12-31T12:00:00.000Z"), "\(page.text)")
                #expect(page.text.contains("nothing was written"))
            }
            #expect(try await node.store.currentSequence() == before)
        }
    }

    /// A record a release before 2026.12.04.3 saved while the clock said 1970: its history, its
    /// page, the list, the CSV and the reports all answer, the time shown as stored and marked.
    @Test func aWriteSavedUnderAWrongClockBeforeShowsMarked() async throws {
        try await withNode(Clock()) { node in
            let id = try await makeRecord(node)
            let file = node.directory.appendingPathComponent(LiaisonStore.fileName).path
            try await DatabaseQueue(path: file).write { db in try db.execute(sql: WrongClockRows.sql(record: id, at: WrongClockRows.in1970)) }

            let reader = node.token(.reader)
            let history = try await node.send("GET", "/v1/records/\(id)/history", token: reader)
            #expect(history.status == 200, "\(history.text)")
            let entries = history.object["history"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["at"] as? String } == ["1970-01-01T00:05:00.000Z"])
            #expect(entries.map { $0["time_out_of_range"] as? Bool } == [true])

            let browser = try await WebBrowser.signIn(node, as: .reader)
            let page = try await browser.get("/records/\(id)")
            #expect(page.status == 200, "\(page.text)")
            #expect(page.text.contains("1970-01-01 00:05 UTC: <strong>"), "\(page.text)")
            #expect(page.text.contains(">Clock was wrong</span>"), "\(page.text)")
            for path in ["/records", "/records.csv", "/reports/overview"] {
                #expect(try await browser.get(path).status == 200, "\(path)")
            }
            for path in ["/v1/records/\(id)", "/v1/records", "/v1/records?format=csv", "/v1/reports/overview", "/v1/status"] {
                #expect(try await node.send("GET", path, token: node.token(.admin)).status == 200, "\(path)")
            }
        }
    }

    /// A value in conflict whose write was saved under a wrong clock: the page's conflict card
    /// marks its time as the history marks the entry, and so does the record's JSON
    /// (`time_out_of_range`); the other value's time is not marked.
    @Test func aConflictsValueSavedUnderAWrongClockShowsMarked() async throws {
        let clock = Clock()
        try await withNode(clock) { node in
            let id = try await makeRecord(node)
            let editor = node.token(.editor)
            let etag = try #require(try await node.send("GET", "/v1/records/\(id)", token: editor).header("etag"))
            // A second apart, so that only the last write holds the time the SQL below finds.
            let start = Timestamp.millis()
            for (index, status) in ["contacted", "in_discussion"].enumerated() {
                clock.fixed.withLock { $0 = start + 1_000 * Int64(index + 1) }
                let written = try await node.send(
                    "PATCH",
                    "/v1/records/\(id)",
                    token: editor,
                    json: #"{"status":"\#(status)"}"#,
                    headers: [("If-Match", etag)]
                )
                #expect(written.status == 200, "\(written.text)")
            }
            let file = node.directory.appendingPathComponent(LiaisonStore.fileName).path
            try await DatabaseQueue(path: file).write { db in
                try db.execute(sql: WrongClockRows.sqlForLatestWrite(record: id, at: WrongClockRows.in1970))
            }

            let page = try await WebBrowser.signIn(node, as: .reader).get("/records/\(id)")
            let card = try #require(
                page.text.components(separatedBy: "id=\"c-status\"").dropFirst().first?.components(separatedBy: "</fieldset>").first
            )
            #expect(card.contains("1970-01-01 00:05 UTC <span class=\"badge conflict\""), "\(card)")
            #expect(card.components(separatedBy: ">Clock was wrong</span>").count == 2, "only the wrong clock's value: \(card)")
            let record = try await node.send("GET", "/v1/records/\(id)", token: editor)
            let values = (record.object["conflicts"] as? [String: [[String: Any]]])?["status"] ?? []
            #expect(values.map { $0["value"] as? String } == ["contacted", "in_discussion"], "\(record.text)")
            #expect(values.map { $0["time_out_of_range"] as? Bool } == [false, true], "\(record.text)")
        }
    }

    /// `liaison serve` logs this at start when the clock is wrong.
    @Test func theWarningSaysWhatIsWrongAndWhatItStops() throws {
        let lines = LoggingTests.Lines()
        ClockError(clock: Self.wrong).log(to: LoggingTests.logger(lines))
        let logged = try LoggingTests.object(try #require(lines.all.first))
        #expect(logged["level"] as? String == "warning")
        #expect(logged["clock"] as? String == "1999-12-31T12:00:00.000Z")
        #expect(
            logged["message"] as? String
                == "this node's clock says 1999-12-31T12:00:00.000Z, outside 2000-01-01..2100-01-01 (the range of a write's time every office accepts): an admin must set the clock of the node's machine and keep it right (NTP, the clock battery); until then every write of a record at this node (API, web page, CLI) is refused and writes nothing, while sync goes on"
        )
    }
}
