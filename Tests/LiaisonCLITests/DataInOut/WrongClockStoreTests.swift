import Foundation
import TestProcesses
import Testing

/// A store may hold writes a release before 2026.12.04.3 saved while the node's clock was wrong
/// (timed in 1970 or 2200): every read of them answers, and their history shows the time as
/// stored, marked, while other offices still refuse them.
@Suite(.offThePool) struct WrongClockStoreTests {
    /// A Mumbai node `m` with a record whose clock had lost its battery (1970) and one whose
    /// clock was a century ahead (2200). Returns the CLI and the two ids.
    static func mumbaiWithWrongClockRecords() throws -> (CLI, [String]) {
        let cli = try CLI()
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        var ids: [String] = []
        for (title, at) in [("Battery lost", WrongClockRows.in1970), ("Century ahead", WrongClockRows.in2200)] {
            let made = try cli.ok("--data", "m", "record", "add", "--json", "title=\(title)", "type=investment", "tracks=ipef")
            let id = try recordID(made)
            try plant(WrongClockRows.sql(record: id, at: at), in: cli.directory.appendingPathComponent("m"))
            ids.append(id)
        }
        return (cli, ids)
    }

    /// Runs `sql` on the store in `directory`, as the release that saved such rows left them.
    static func plant(_ sql: String, in directory: URL) throws {
        let script = "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()"
        let store = directory.appendingPathComponent("liaison.sqlite").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script, store, sql])
        #expect(run.termination == .exited(0), "\(String(decoding: run.error, as: UTF8.self))")
    }

    /// `record history --json ID` at `data`, parsed.
    static func history(_ cli: CLI, _ data: String, _ id: String) throws -> [[String: Any]] {
        let text = try cli.ok("--data", data, "record", "history", "--json", id)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func theHistoryShowsTheTimeAsStoredMarkedAsTheClockBeingWrong() throws {
        let (cli, ids) = try Self.mumbaiWithWrongClockRecords()
        defer { cli.cleanUp() }
        for (id, time) in zip(ids, ["1970-01-01T00:05:00.000Z", "2200-01-01T00:00:00.000Z"]) {
            let shown = try cli.ok("--data", "m", "record", "history", id)
            #expect(shown.hasPrefix("\(time)  mumbai  asha  ") && shown.contains("  [clock was wrong]\n"), "\(shown)")
            let entries = try Self.history(cli, "m", id)
            #expect(entries.map { $0["at"] as? String } == [time])
            #expect(entries.map { $0["time_out_of_range"] as? Bool } == [true])
        }

        // An edit made once the clock is right is not marked; the write before it still is.
        try cli.ok("--data", "m", "record", "set", ids[0], "status=contacted", author: "priya")
        let entries = try Self.history(cli, "m", ids[0])
        #expect(entries.map { $0["author"] as? String } == ["priya", "asha"])
        #expect(entries.map { $0["time_out_of_range"] as? Bool } == [false, true])
        let shown = try cli.ok("--data", "m", "record", "history", ids[0])
        #expect(shown.components(separatedBy: "[clock was wrong]").count == 2, "\(shown)")
    }

    /// A value in conflict whose write was saved under a wrong clock: its CONFLICT line in
    /// `record get` marks the time as the history marks the entry, and so does its
    /// `time_out_of_range` in `record get --json`; the other value's is not.
    @Test func aConflictsValueSavedUnderAWrongClockIsMarked() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        let made = try cli.ok("--data", "m", "record", "add", "--json", "title=Battery lost", "type=investment", "tracks=ipef")
        let id = try recordID(made)
        let read = try #require(try JSONSerialization.jsonObject(with: Data(made.utf8)) as? [String: Any])
        let version = try #require(read["version"] as? String)
        try cli.ok("--data", "m", "record", "set", "--version", version, id, "status=contacted")
        try cli.ok("--data", "m", "record", "set", "--version", version, id, "status=in_discussion", author: "ravi")
        try Self.plant(WrongClockRows.sqlForLatestWrite(record: id, at: WrongClockRows.in1970), in: cli.directory.appendingPathComponent("m"))

        let shown = try cli.ok("--data", "m", "record", "get", id)
        #expect(shown.contains("by ravi at mumbai.") && shown.contains(", 1970-01-01T00:05:00.000Z [clock was wrong]\n"), "\(shown)")
        #expect(shown.components(separatedBy: "[clock was wrong]").count == 2, "only the wrong clock's value: \(shown)")
        #expect(try cli.ok("--data", "m", "record", "history", id).contains("[conflict, clock was wrong]"))
        let conflicts = try #require(try cli.record("m", id)["conflicts"] as? [String: [[String: Any]]])
        let values = try #require(conflicts["status"])
        #expect(values.map { $0["author"] as? String } == ["asha", "ravi"], "the displayed value first: \(values)")
        #expect(values.map { $0["time_out_of_range"] as? Bool } == [false, true], "\(values)")
    }

    @Test func listsExportsReportsStatusBackupAndRestoreAnswer() throws {
        let (cli, ids) = try Self.mumbaiWithWrongClockRecords()
        defer { cli.cleanUp() }
        let list = try cli.ok("--data", "m", "record", "list")
        #expect(list.contains("Battery lost") && list.contains("Century ahead"), "\(list)")
        let csv = try cli.ok("--data", "m", "record", "list", "--format", "csv")
        #expect(ids.allSatisfy(csv.contains), "\(csv)")
        for id in ids { #expect(try cli.record("m", id)["id"] as? String == id) }
        let bundle = try cli.ok("--data", "m", "export")
        #expect(bundle.contains(#""at":300000,"#) && bundle.contains(#""at":7258118400000,"#))
        for arguments in [["report", "overview", "--format", "md"], ["report", "overview", "--from", "2026-01-01"], ["status"]] {
            let run = try cli.run(["--data", "m"] + arguments)
            #expect(run.code == 0, "\(arguments): \(run.err)")
        }
        let backup = cli.directory.appendingPathComponent("m.sqlite").path
        #expect(try cli.ok("--data", "m", "backup", "--out", backup).hasPrefix("backed up 2 records"))
        try cli.ok("--data", "restored", "restore", backup)
        #expect(try Self.history(cli, "restored", ids[1]).map { $0["time_out_of_range"] as? Bool } == [true])
    }

    /// A spreadsheet exported before an edit imports as an edit made at its version, which
    /// reads the record's history: the wrong clock's write does not stop it.
    @Test func aSpreadsheetExportedBeforeAnEditImports() throws {
        let (cli, ids) = try Self.mumbaiWithWrongClockRecords()
        defer { cli.cleanUp() }
        let monday = try cli.ok("--data", "m", "record", "list", "--format", "csv", "--text", "Battery lost")
        try cli.ok("--data", "m", "record", "set", ids[0], "status=mou_signed", author: "ravi")
        let file = cli.directory.appendingPathComponent("monday.csv")
        try monday.replacingOccurrences(of: "Battery lost", with: "Battery replaced").write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli.ok("--data", "m", "import", file.path, author: "priya").contains("updated 1"))
        let fields = try #require(try cli.record("m", ids[0])["fields"] as? [String: Any])
        #expect(fields["title"] as? String == "Battery replaced" && fields["status"] as? String == "mou_signed", "\(fields)")
    }

    /// Other offices refuse the wrong clock's writes, and an edit made since does not carry
    /// the record there: the writes it did not replace still hold their time.
    @Test func otherOfficesStillQuarantineTheRecord() throws {
        let (cli, ids) = try Self.mumbaiWithWrongClockRecords()
        defer { cli.cleanUp() }
        try cli.ok("--data", "c", "init", "--office", "chennai")
        try cli.ok("--data", "m", "record", "set", ids[0], "status=contacted", author: "priya")
        let bundle = cli.directory.appendingPathComponent("m.json").path
        try cli.ok("--data", "m", "export", "--out", bundle)
        let merged = try cli.run(["--data", "c", "merge", bundle])
        #expect(merged.code != 0)
        for (id, at) in zip(ids, [WrongClockRows.in1970, WrongClockRows.in2200]) {
            #expect(merged.err.contains("quarantined record \(id): write mumbai."), "\(merged.err)")
            #expect(merged.err.contains(":1: time \(at) is outside 2000-01-01..2100-01-01\n"), "\(merged.err)")
        }
        for id in ids { #expect(try cli.run(["--data", "c", "record", "get", id]).code != 0) }
    }
}
