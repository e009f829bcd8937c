import Foundation
import TestProcesses
import Testing

/// A mistake in the command line reads like every other error: one `error: ...` line that says
/// what is wrong and what is allowed, then one line naming the help to read; exit 64.
@Suite(.offThePool) struct ArgumentErrorTests {
    @Test func aMistakeInTheCommandLineIsOneErrorLineAndAHint() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let cases: [(arguments: [String], error: String, help: String)] = [
            (["record", "list", "--bogus"], "Unknown option '--bogus'", "record list"),
            (["record", "list", "--limit", "-1"], "--limit must be 1 or more, got -1; leave it out for every record", "record list"),
            (["export", "--since", "-5"], "--since must be a sequence, 0 or more, got -5", "export"),
            (["seed", "--records", "-3"], "--records must be 0 or more, got -3", "seed"),
            // ArgumentParser reads a negative positional number as an option ("Unknown option '-3'").
            (["quarantine", "drop", "-3"], "ID must be an entry number from `liaison quarantine list`, 1 or more, got -3", "quarantine drop"),
            (["quarantine", "drop", "0"], "ID must be an entry number from `liaison quarantine list`, 1 or more, got 0", "quarantine drop"),
            (["quarantine", "drop", "abc"], "ID must be an entry number from `liaison quarantine list`, 1 or more, got abc", "quarantine drop"),
            (
                ["record", "list", "--office", "paris"],
                "office: must be one of new-delhi, mumbai, chennai, kolkata, hyderabad, bengaluru, ahmedabad, got \"paris\"", "record list"
            ),
            (
                ["user", "add", "bob", "--role", "superuser"],
                "The value 'superuser' is invalid for '--role <ROLE>'. Please provide one of 'reader', 'editor' or 'admin'.", "user add"
            ),
            (
                ["import", "deals.csv", "--dates", "us"],
                "The value 'us' is invalid for '--dates <ORDER>'. Please provide one of 'day-first' and 'month-first'.", "import"
            ),
            (
                ["record", "add"],
                #"give the record's fields as FIELD=VALUE, at least type, title and tracks: type=investment title="Lithium JV" tracks=critical_minerals"#,
                "record add"
            ),
            (
                ["resolve", "01JDX"],
                "give the settled value of each field in conflict as FIELD=VALUE after the id: status=mou_signed, or deleted=true; `liaison record get ID` shows them",
                "resolve"
            ),
            (
                ["report", "overview", "--office", "paris"],
                "unknown office \"paris\"; offices: new-delhi, mumbai, chennai, kolkata, hyderabad, bengaluru, ahmedabad", "report"
            ),
            (["report", "overview", "--format", "xlsx"], "unknown report format 'xlsx'; allowed formats: md, html, csv, json", "report"),
            (["report", "overview", "--from", "2026-13-01"], "--from must be a date YYYY-MM-DD, got \"2026-13-01\"", "report"),
            (
                ["report", "sccp", "--from", "2026-02-01", "--to", "2026-01-01"],
                "the period starts (2026-02-01) after it ends (2026-01-01)", "report"
            ),
            (
                ["report", "minerals"],
                "unknown report \"minerals\"; available reports: overview, critical_minerals, energy_industry, "
                    + "innovation_handshake, ipef, sccp, semiconductors, strategic_trade, trade_mission",
                "report"
            ),
            (["record", "get", ""], "ID is empty: give a record's id; `liaison record list` shows them", "record get"),
            (["record", "history", ""], "ID is empty: give a record's id; `liaison record list` shows them", "record history"),
        ]
        for (arguments, error, help) in cases {
            let result = try cli.run(["--data", "node"] + arguments)
            #expect(result.code == 64, "liaison \(arguments.joined(separator: " "))")
            #expect(result.err == "error: \(error)\nsee `liaison \(help) --help`\n")
            #expect(result.out.isEmpty)
        }
        // Every filter the schema checks is a mistake in the command line, as --sort is.
        for filter in ["--office", "--status", "--track"] {
            let result = try cli.run(["--data", "node", "record", "list", filter, "bogus"])
            #expect(result.code == 64 && result.err.hasSuffix("got \"bogus\"\nsee `liaison record list --help`\n"), "\(filter): \(result.err)")
        }
        // The role it lists is one it takes.
        #expect(
            try cli.run(["--data", "node", "user", "add", "bob", "--role", "admin", "--password-file", "/nonexistent"]).err.contains("password file")
        )

        // A negative interval reaches the configuration's check, which names the range.
        let serve = try cli.run(["--data", "node", "serve", "--sync-interval", "-1"])
        #expect(serve.code == 1)
        #expect(serve.err == "error: --sync-interval: sync.interval must be a number from 0 to 86400, got \"-1\"\n", "what was typed")

        // Help and the version still print on stdout, whole, and exit 0.
        let help = try cli.run(["record", "list", "--help"])
        #expect(help.code == 0 && help.out.contains("USAGE: liaison record list") && help.err.isEmpty)
    }

}
