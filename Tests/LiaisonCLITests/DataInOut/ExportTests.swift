import Foundation
import TestProcesses
import Testing

/// Whole lists out of the CLI: never silently cut, and CSV that imports back unchanged.
@Suite(.offThePool) struct ExportTests {
    @Test func recordListPrintsEveryMatchUnlessLimited() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "seed", "--records", "2560", "--today", "2026-11-01")
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try cli.ok("--data", "node", "record", "list", "--json").utf8)
            ) as? [Any]
        )
        let live = json.count
        #expect(live >= 2_500)

        let text = try cli.ok("--data", "node", "record", "list")
        #expect(text.components(separatedBy: "\nrecord ").count + (text.hasPrefix("record ") ? 0 : -1) == live)
        #expect(text.hasSuffix("\n\(live) records\n"))

        #expect(try cli.ok("--data", "node", "record", "list", "--limit", "10").hasSuffix("\n10 of \(live) records\n"))
        let zero = try cli.run(["--data", "node", "record", "list", "--limit", "0"])
        #expect(zero.code != 0 && zero.err.contains("--limit must be 1 or more"), "\(zero.err)")
    }

    /// After a restore from an older backup, a chained `export --since` past the node's
    /// sequence exported nothing and echoed the number back, so no bundle ever carried its changes.
    @Test func sinceBeyondTheNodesSequenceIsRefusedNamingBoth() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "record", "add", "type=trade_lead", "title=Lead", "tracks=ipef")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "node", "export").utf8)) as? [String: Any])
        let sequence = try #require(bundle["last_sequence"] as? Int)
        #expect(try cli.ok("--data", "node", "export", "--since", "\(sequence)").contains("\"states\":[]"))
        for out in [[], ["--out", "bundle.json"]] {
            let result = try cli.run(["--data", "node", "export", "--since", "\(sequence + 4)"] + out)
            let error = result.err
            #expect(result.code == 1 && result.out.isEmpty && error.hasPrefix("error: "), "\(error)")
            #expect(error.contains("--since \(sequence + 4) is past this node's sequence \(sequence)") && error.contains("Export from 0"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("bundle.json").path))
    }

    @Test func csvOf2000RecordsRoundTripsThroughAFreshNode() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "first", "init", "--office", "chennai")
        try cli.ok("--data", "first", "seed", "--records", "2000", "--today", "2026-11-01")
        let exported = try cli.ok("--data", "first", "record", "list", "--format", "csv")
        let file = cli.directory.appendingPathComponent("export.csv")
        try exported.write(to: file, atomically: true, encoding: .utf8)

        try cli.ok("--data", "second", "init", "--office", "kolkata")
        let imported = try cli.ok("--data", "second", "import", file.path)
        #expect(imported.contains("created \(exported.split(separator: "\r\n").count - 1) records"), "\(imported)")
        let again = try cli.ok("--data", "second", "record", "list", "--format", "csv")
        #expect(Self.withoutVersions(again) == Self.withoutVersions(exported))
        let back = try cli.ok("--data", "first", "import", file.path)
        #expect(back.contains("updated 0, \(exported.split(separator: "\r\n").count - 1) unchanged"), "\(back)")
    }

    /// Exports `first`'s records as CSV, imports the file into a fresh node `second`, and
    /// returns the file and `second`'s own export, both without their `version` column (the
    /// records' versions at `second` are its own writes).
    static func exportAndImport(_ cli: CLI, from first: String, to second: String) throws -> (exported: String, again: String) {
        let exported = try cli.ok("--data", first, "record", "list", "--format", "csv")
        let file = cli.directory.appendingPathComponent("\(first).csv")
        try exported.write(to: file, atomically: true, encoding: .utf8)
        try cli.ok("--data", second, "init", "--office", "kolkata")
        try cli.ok("--data", second, "import", file.path)
        let again = try cli.ok("--data", second, "record", "list", "--format", "csv")
        return (Self.withoutVersions(exported), Self.withoutVersions(again))
    }

    /// An exported CSV without its last column, `version`, which every line must have (a
    /// version token starts `MX`: it encodes `1|...`).
    static func withoutVersions(_ csv: String) -> String {
        let lines = csv.components(separatedBy: "\r\n").dropLast()
        #expect(lines.first?.hasSuffix(",version") == true)
        #expect(lines.dropFirst().allSatisfy { $0.range(of: #",MX[A-Za-z0-9_-]+$"#, options: .regularExpression) != nil })
        return lines.map { $0.replacingOccurrences(of: #",(version|MX[A-Za-z0-9_-]+)$"#, with: "", options: .regularExpression) }
            .joined(separator: "\r\n") + "\r\n"
    }

    /// Mumbai moves a record to the SCCP track while Kolkata sets its semiconductors segment:
    /// both merge with no conflict, into a record holding a field of a track it is not in.
    /// Mumbai's export of it imports on a fresh node as it is; a row typed without an id with
    /// such a field is still refused.
    @Test func aRecordMergedOutsideItsTracksRoundTripsThroughAFreshNode() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        try cli.ok("--data", "kolkata", "init", "--office", "kolkata")
        let id = try recordID(
            try cli.ok("--data", "mumbai", "record", "add", "--json", "type=investment", "title=Fab JV", "tracks=semiconductors")
        )
        try cli.send(from: "mumbai", to: "kolkata")
        try cli.ok("--data", "mumbai", "record", "set", id, "tracks=sccp")
        try cli.ok("--data", "kolkata", "record", "set", id, "semiconductors.segment=design")
        #expect(try cli.send(from: "kolkata", to: "mumbai") == "merged 1, changed 1, conflicts 0\n")
        let fields = try #require(try cli.record("mumbai", id)["fields"] as? [String: Any])
        #expect(fields["tracks"] as? [String] == ["sccp"] && fields["semiconductors.segment"] as? String == "design")

        let (exported, again) = try Self.exportAndImport(cli, from: "mumbai", to: "fresh")
        #expect(again == exported)

        // Such a record can still be edited: a write that leaves the field as it was is taken,
        // one that puts another field outside the record's tracks is refused.
        try cli.ok("--data", "mumbai", "record", "set", id, "notes=Board approved")
        let outside = try cli.run(["--data", "mumbai", "record", "set", id, "ipef.pillar=supply_chains"])
        #expect(outside.code != 0 && outside.err.contains("ipef.pillar: belongs to track ipef"), "\(outside.err)")

        let typed = cli.directory.appendingPathComponent("typed.csv")
        try "type,title,tracks,semiconductors.segment\ninvestment,Typed JV,sccp,design\n".write(to: typed, atomically: true, encoding: .utf8)
        let refused = try cli.run(["--data", "fresh", "import", typed.path])
        #expect(refused.code != 0 && refused.err.contains("semiconductors.segment: belongs to track semiconductors"), "\(refused.err)")
    }

    /// A list of deleted records, exported and imported on a fresh node, stays a list of
    /// deleted records there: the `deleted` column says so.
    @Test func deletedRecordsImportOnAFreshNodeAsDeleted() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "first", "init", "--office", "chennai")
        let gone = try recordID(try cli.ok("--data", "first", "record", "add", "--json", "type=trade_lead", "title=Gone", "tracks=ipef"))
        try cli.ok("--data", "first", "record", "add", "--json", "type=trade_lead", "title=Here", "tracks=ipef")
        try cli.ok("--data", "first", "record", "delete", gone)

        let exported = try cli.ok("--data", "first", "record", "list", "--deleted", "--format", "csv")
        #expect(exported.contains(",true,MX"), "\(exported)")
        let file = cli.directory.appendingPathComponent("deleted.csv")
        try exported.write(to: file, atomically: true, encoding: .utf8)
        try cli.ok("--data", "fresh", "init", "--office", "kolkata")
        #expect(try cli.ok("--data", "fresh", "import", file.path).contains("created 1 record"))
        #expect(try cli.ok("--data", "fresh", "record", "list").hasPrefix("no records"))
        let again = try cli.ok("--data", "fresh", "record", "list", "--deleted", "--format", "csv")
        #expect(Self.withoutVersions(again) == Self.withoutVersions(exported))
        #expect(try cli.ok("--data", "first", "import", file.path).contains("1 unchanged"))

        // A live record's row with `true` put in its deleted cell deletes it.
        let live = try cli.ok("--data", "first", "record", "list", "--format", "csv")
        let marked = cli.directory.appendingPathComponent("marked.csv")
        try live.replacingOccurrences(of: ",,MX", with: ",true,MX").write(to: marked, atomically: true, encoding: .utf8)
        #expect(try cli.ok("--data", "first", "import", marked.path, "--dry-run").contains(": deleted"))
        try cli.ok("--data", "first", "import", marked.path)
        #expect(try cli.ok("--data", "first", "record", "list").hasPrefix("no records"))
    }

    @Test func tinyAndLargeAmountsExportInPlainDecimalsAndImportBack() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "first", "init", "--office", "chennai")
        var ids: [String: Double] = [:]
        for amount in ["0.000001", "0.0000000123", "999999999999.99", "1000000000000"] {
            let added = try cli.ok(
                "--data",
                "first",
                "record",
                "add",
                "--json",
                "type=trade_lead",
                "title=Lead",
                "tracks=ipef",
                "value_usd=\(amount)"
            )
            ids[try recordID(added)] = Double(amount)
        }
        let (exported, again) = try Self.exportAndImport(cli, from: "first", to: "second")
        let lines = exported.components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: ",") }
        let column = try #require(lines.first?.firstIndex(of: "value_usd"))
        #expect(Set(lines.dropFirst().map { $0[column] }) == ["0.000001", "0.0000000123", "999999999999.99", "1000000000000"])
        #expect(again == exported)
        for (id, amount) in ids {
            let fields = try #require(try cli.record("second", id)["fields"] as? [String: Any])
            #expect((fields["value_usd"] as? NSNumber)?.doubleValue == amount)
        }
    }

    @Test func textsThatWouldRunAsFormulasAreGuardedAndImportBack() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "first", "init", "--office", "chennai")
        let texts = ["=HYPERLINK(\"http://x.example\",\"Open\")", "+91 22 5555 0100", "-5 to 10", "@SUM(A1:A9)", "'=quoted", "'Twas"]
        var ids: [String: String] = [:]
        for text in texts {
            let added = try cli.ok("--data", "first", "record", "add", "--json", "type=trade_lead", "title=\(text)", "tracks=ipef")
            ids[try recordID(added)] = text
        }
        let (exported, again) = try Self.exportAndImport(cli, from: "first", to: "second")
        let cells = [
            #","'=HYPERLINK(""http://x.example"",""Open"")","#, ",'+91 22 5555 0100,", ",'-5 to 10,", ",'@SUM(A1:A9),",
            ",''=quoted,", ",'Twas,",
        ]
        for cell in cells { #expect(exported.contains(cell), "\(cell) in \(exported)") }
        #expect(again == exported)
        for (id, text) in ids {
            let fields = try #require(try cli.record("second", id)["fields"] as? [String: Any])
            #expect(fields["title"] as? String == text)
        }
    }
}
