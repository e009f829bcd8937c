import Foundation
import TestProcesses
import Testing

/// Bad input through the binary: a non-zero exit, one clear `error: ...` line, nothing changed.
@Suite("CLI: bad input", .offThePool)
struct BadInputTests {
    @Test("no store says to run liaison init")
    func noStore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.fails("record", "list").contains("liaison init"))
        #expect(try cli.fails("--data", "nowhere", "record", "add", "title=x").contains("liaison init"))
    }

    @Test("bad input is refused and changes nothing")
    func refusedAndUnchanged() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("init", "--office", "kolkata")
        #expect(try cli.fails("init", "--office", "kolkata").contains("already"))
        #expect(try cli.fails("--data", "other", "init", "--office", "pune").contains("unknown office \"pune\""))
        let id = try recordID(try cli.ok("record", "add", "--json", "type=investment", "title=Steel", "tracks=energy_industry"))
        let before = try cli.ok("export")

        #expect(try cli.fails("record", "add", "title=No type").contains("is required"))
        #expect(try cli.fails("record", "set", id, "bogus=1") == "error: bogus: unknown field\n")
        #expect(try cli.fails("record", "set", id, "value_usd=abc") == "error: value_usd: must be a number ≥ 0, got \"abc\"\n")
        #expect(try cli.fails("record", "set", id, "opened_on=2026-02-30").contains("opened_on: must be a date YYYY-MM-DD"))
        #expect(try cli.fails("record", "set", id, "underserved_owned=perhaps").contains("underserved_owned: must be true or false"))
        #expect(try cli.fails("record", "set", id, "notes").contains("expected FIELD=VALUE"))
        #expect(try cli.fails("record", "set", "--version", "garbage!", id, "notes=x").contains("invalid version token"))
        #expect(try cli.fails("record", "delete", "--version", "Zm9v", id).contains("invalid version token"))
        #expect(try cli.fails("record", "get", "no-such-id") == "error: no record no-such-id\n")
        #expect(try cli.fails("record", "set", "no-such-id", "notes=x") == "error: no record no-such-id\n")
        #expect(try cli.fails("resolve", id, "deleted=maybe").contains("deleted: must be true or false"))
        let wrongStatus = try cli.run(["record", "list", "--status", "won"])  // a mistake in the command line: 64, and the help line
        #expect(wrongStatus.code == 64 && wrongStatus.err.hasPrefix("error: status: must be one of"), "\(wrongStatus.err)")
        #expect(try cli.fails("merge", "missing.json").contains("cannot read missing.json"))
        #expect(try cli.fails("merge", "-").contains("not a valid Liaison bundle"))

        // A bundle that is not well-formed is refused whole.
        let truncated = #"{"format":"liaison-bundle","version":1,"replica_id":"chennai.x1","states":[{"context":"#
        #expect(try cli.run(["merge", "-"], stdin: Data(truncated.utf8)).err.contains("not a valid Liaison bundle"))
        #expect(try cli.ok("export") == before, "nothing changed")

        // A bundle with one bad state: the bad one is quarantined, naming the record and the rule,
        // the good one merges, and the command exits non-zero.
        let bad =
            #"{"format":"liaison-bundle","version":1,"replica_id":"chennai.x1","office":"chennai","since":0,"#
            + #""last_sequence":2,"states":["#
            + #"{"context":{"chennai.x1":1},"id":"good-1","writes":[{"at":1767225600000,"author":"p","fields":{"office":"chennai","#
            + #""status":"identified","title":"Good","tracks":["sccp"],"type":"event"},"n":1,"replica":"chennai.x1"}]},"#
            + #"{"context":{"chennai.x1":2},"id":"bad-2","writes":[{"at":1767225600000,"author":"p","fields":{"value_usd":"lots"},"#
            + #""n":2,"replica":"chennai.x1"}]}]}"#
        let quarantined = try cli.run(["merge", "-"], stdin: Data(bad.utf8))
        #expect(quarantined.code == 1)
        #expect(quarantined.out == "merged 1, changed 1, conflicts 0, quarantined 1\n", "\(quarantined.out)")
        #expect(quarantined.err.contains("error: quarantined record bad-2: value_usd: must be a number"), "\(quarantined.err)")
        #expect(try cli.ok("record", "get", "good-1").contains("Good"))
        #expect(try cli.fails("record", "get", "bad-2") == "error: no record bad-2\n")
        let listed = try cli.ok("quarantine", "list")
        #expect(listed.contains("bundle from stdin") && listed.contains("record bad-2") && listed.contains("value_usd"), "\(listed)")
        try cli.ok("quarantine", "drop", "--all")
        #expect(try cli.ok("quarantine", "list") == "nothing quarantined\n")
        #expect(try cli.ok("record", "list", "--json").contains(id))
    }

    @Test("restore into a file named as the data directory says so and leaves the file")
    func restoreIntoAFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        try cli.ok("--data", "m", "backup", "--out", "m.sqlite")
        try "notes\n".write(to: cli.directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let error = try cli.fails("restore", "m.sqlite", "--data", "notes.txt")
        #expect(
            error.hasPrefix("error: the data directory ") && error.hasSuffix("notes.txt is a file, not a directory: restore into a new directory\n"),
            "\(error)"
        )
        #expect(try String(contentsOf: cli.directory.appendingPathComponent("notes.txt"), encoding: .utf8) == "notes\n")
    }

    @Test("merge prints JSON with --json; a good bundle from stdin merges")
    func mergeJSON() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "a", "init", "--office", "hyderabad")
        try cli.ok("--data", "b", "init", "--office", "bengaluru")
        try cli.ok("--data", "a", "record", "add", "type=event", "title=One", "tracks=trade_mission")
        let bundle = try cli.ok("--data", "a", "export")
        #expect(bundle.hasPrefix(#"{"format":"liaison-bundle","version":2,"replica_id":"hyderabad."#))
        let out = try cli.ok("--data", "b", "merge", "--json", "-", stdin: Data(bundle.utf8))
        #expect(out == #"{"changed":1,"conflicts":0,"merged":1,"quarantined":0}"# + "\n")
        let since = try cli.ok("--data", "a", "export", "--since", "1")
        #expect(since.contains(#""since":1,"last_sequence":1,"states":[]"#))
    }
}
