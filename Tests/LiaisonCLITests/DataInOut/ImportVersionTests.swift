import Foundation
import TestProcesses
import Testing

/// An exported spreadsheet edited days later imports as an edit made at the version it was
/// exported at (its `version` column): writes made since, at this office or another, are never
/// silently undone, and cells left as exported write nothing.
@Suite(.offThePool) struct ImportVersionTests {
    /// Nodes of Mumbai (`m`) and Chennai (`c`), and a record Priya added at Mumbai (not yet sent).
    static func mumbaiAndChennaiWithARecordAtMumbai() throws -> (CLI, String) {
        let cli = try CLI()
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        try cli.ok("--data", "c", "init", "--office", "chennai")
        let id = try recordID(
            try cli.ok("--data", "m", "record", "add", "--json", "title=GE Aerospace Pune plant", "type=investment", "tracks=ipef", author: "priya")
        )
        return (cli, id)
    }

    /// Monday, Priya at Mumbai exports a record; then Ravi at Chennai sets its status and value,
    /// which sync back to Mumbai; Wednesday, Priya fixes a typo in her file's title, and, when
    /// `alsoStatus`, changes its status too. Returns the CLI, the record id and the file.
    static func mondaysFileEditedOnWednesday(alsoStatus: String? = nil) throws -> (CLI, String, URL) {
        let (cli, id) = try mumbaiAndChennaiWithARecordAtMumbai()
        let monday = try cli.ok("--data", "m", "record", "list", "--format", "csv", "--text", "GE Aerospace")
        try cli.send(from: "m", to: "c")
        try cli.ok("--data", "c", "record", "set", id, "status=mou_signed", "value_usd=9000000", author: "ravi")
        try cli.send(from: "c", to: "m")

        var wednesday = monday.replacingOccurrences(of: "Pune plant", with: "Pune Plant")
        if let alsoStatus { wednesday = wednesday.replacingOccurrences(of: ",identified,", with: ",\(alsoStatus),") }
        #expect(wednesday != monday && (alsoStatus == nil || wednesday.contains(",\(alsoStatus!),")))
        let file = cli.directory.appendingPathComponent("monday.csv")
        try wednesday.write(to: file, atomically: true, encoding: .utf8)
        return (cli, id, file)
    }

    @Test func aTypoFixedInAnOldExportKeepsTheEditsMadeSinceAtAnotherOffice() throws {
        let (cli, id, file) = try Self.mondaysFileEditedOnWednesday()
        defer { cli.cleanUp() }

        let dry = try cli.ok("--data", "m", "import", file.path, "--dry-run", author: "priya")
        #expect(dry.contains("update 1") && dry.contains("\n  update \(id): title\n"), "\(dry)")
        #expect(try cli.ok("--data", "m", "import", file.path, author: "priya").contains("updated 1"))

        for node in ["m", "c"] {
            if node == "c" { try cli.send(from: "m", to: "c") }
            let record = try cli.record(node, id)
            let fields = try #require(record["fields"] as? [String: Any])
            #expect(fields["title"] as? String == "GE Aerospace Pune Plant", "\(node)")
            #expect(fields["status"] as? String == "mou_signed", "\(node): Ravi's status stays")
            #expect(fields["value_usd"] as? Double == 9_000_000, "\(node): Ravi's value stays")
            #expect((record["conflicts"] as? [String: Any])?.isEmpty == true, "\(node): \(record)")
        }
    }

    @Test func aCellChangedInTheFileAndSinceAtAnotherOfficeIsAConflictWithBothValues() throws {
        let (cli, id, file) = try Self.mondaysFileEditedOnWednesday(alsoStatus: "contacted")
        defer { cli.cleanUp() }

        let dry = try cli.ok("--data", "m", "import", file.path, "--dry-run", author: "priya")
        #expect(dry.contains("update \(id): status, title (conflict on status: changed since the export)"), "\(dry)")
        try cli.ok("--data", "m", "import", file.path, author: "priya")
        try cli.send(from: "m", to: "c")
        for node in ["m", "c"] {
            let shown = try cli.ok("--data", node, "record", "get", id)
            #expect(shown.contains("CONFLICT") && shown.contains("mou_signed") && shown.contains("contacted"), "\(node): \(shown)")
            let fields = try #require(try cli.record(node, id)["fields"] as? [String: Any])
            #expect(fields["value_usd"] as? Double == 9_000_000, "\(node)")
            #expect(fields["title"] as? String == "GE Aerospace Pune Plant", "\(node)")
        }
    }

    /// Ravi at Chennai sets a record's status and exports it; Priya at Mumbai, who has not yet
    /// received his status, gets his file and fixes its title.
    @Test func aFileExportedAtAnOfficeAheadOfThisOneWaitsForTheSync() throws {
        let (cli, id) = try Self.mumbaiAndChennaiWithARecordAtMumbai()
        defer { cli.cleanUp() }
        try cli.send(from: "m", to: "c")
        try cli.ok("--data", "c", "record", "set", id, "status=mou_signed", author: "ravi")
        let exported = try cli.ok("--data", "c", "record", "list", "--format", "csv", "--text", "GE Aerospace")
        let file = cli.directory.appendingPathComponent("ravi.csv")
        try exported.replacingOccurrences(of: "Pune plant", with: "Pune Plant").write(to: file, atomically: true, encoding: .utf8)

        // Mumbai cannot tell Ravi's status from a cell Priya changed: nothing is written.
        let refused = try cli.run(["--data", "m", "import", file.path], author: "priya")
        #expect(refused.code != 0)
        #expect(
            refused.err.contains(
                "record \(id) was exported at a node that had changes to it this node has not received yet (from chennai): sync, then import the file again"
            ),
            "\(refused.err)"
        )
        #expect((try cli.record("m", id)["fields"] as? [String: Any])?["title"] as? String == "GE Aerospace Pune plant")

        try cli.send(from: "c", to: "m")
        let dry = try cli.ok("--data", "m", "import", file.path, "--dry-run", author: "priya")
        #expect(dry.contains("\n  update \(id): title\n"), "\(dry)")
        try cli.ok("--data", "m", "import", file.path, author: "priya")
        let record = try cli.record("m", id)
        let fields = try #require(record["fields"] as? [String: Any])
        #expect(fields["title"] as? String == "GE Aerospace Pune Plant")
        #expect(fields["status"] as? String == "mou_signed")
        #expect((record["conflicts"] as? [String: Any])?.isEmpty == true, "\(record)")
    }

    @Test func aDryRunSaysAnEditOfARecordDeletedSinceTheExportLeavesTheDeleteInConflict() throws {
        let (cli, id) = try Self.mumbaiAndChennaiWithARecordAtMumbai()
        defer { cli.cleanUp() }
        let monday = try cli.ok("--data", "m", "record", "list", "--format", "csv", "--text", "GE Aerospace")
        try cli.send(from: "m", to: "c")
        try cli.ok("--data", "c", "record", "delete", id, author: "ravi")
        try cli.send(from: "c", to: "m")
        let file = cli.directory.appendingPathComponent("monday.csv")
        try monday.replacingOccurrences(of: "Pune plant", with: "Pune Plant").write(to: file, atomically: true, encoding: .utf8)

        let dry = try cli.ok("--data", "m", "import", file.path, "--dry-run", author: "priya")
        #expect(dry.contains("update \(id): title (conflict on deleted: the record was deleted since the export)"), "\(dry)")
        try cli.ok("--data", "m", "import", file.path, author: "priya")
        #expect(try cli.ok("--data", "m", "record", "get", id).contains("CONFLICT"))
    }

    /// A delete in the file of a record edited since the export is a conflict on `deleted` (the
    /// edit also says the record exists); the dry run says which edit, not that `deleted` changed.
    @Test func aDryRunSaysADeleteOfARecordEditedSinceTheExportStandsAgainstThatEdit() throws {
        let (cli, id) = try Self.mumbaiAndChennaiWithARecordAtMumbai()
        defer { cli.cleanUp() }
        var monday = try cli.ok("--data", "m", "record", "list", "--format", "csv", "--text", "GE Aerospace")
        try cli.ok("--data", "m", "record", "set", id, "notes=Site visit on Tuesday", author: "ravi")
        // The row's `deleted` cell, just before its `version`, the last cell.
        monday.insert(contentsOf: "true", at: try #require(monday.lastIndex(of: ",")))
        let file = cli.directory.appendingPathComponent("monday.csv")
        try monday.write(to: file, atomically: true, encoding: .utf8)

        let dry = try cli.ok("--data", "m", "import", file.path, "--dry-run", author: "priya")
        #expect(dry.contains("\n  update \(id): deleted (conflict on deleted: the record was edited since the export (notes))\n"), "\(dry)")
        let json = try cli.ok("--data", "m", "import", file.path, "--dry-run", "--json", author: "priya")
        #expect(json.contains(#""fields":["deleted"],"conflicts":["deleted"]}"#), "\(json)")
        try cli.ok("--data", "m", "import", file.path, author: "priya")
        let record = try cli.record("m", id)
        #expect((record["fields"] as? [String: Any])?["notes"] as? String == "Site visit on Tuesday", "\(record)")
        #expect((record["conflicts"] as? [String: Any])?.keys.sorted() == ["deleted"], "\(record)")
    }

    @Test func aSheetWithoutAVersionStillWritesAgainstTheCurrentVersion() throws {
        let (cli, id, _) = try Self.mondaysFileEditedOnWednesday()
        defer { cli.cleanUp() }
        let typed = cli.directory.appendingPathComponent("typed.csv")
        try "id,status\n\(id),Closed Won\n".write(to: typed, atomically: true, encoding: .utf8)
        try cli.ok("--data", "m", "import", typed.path, author: "priya")
        let record = try cli.record("m", id)
        #expect((record["fields"] as? [String: Any])?["status"] as? String == "closed_won")
        #expect((record["conflicts"] as? [String: Any])?.isEmpty == true, "\(record)")

        let bad = cli.directory.appendingPathComponent("bad.csv")
        try "id,status,version\n\(id),Closed Won,garbage\n,Closed Won,MXxtdW1iYWkuYWJjOjE\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try cli.run(["--data", "m", "import", bad.path])
        #expect(refused.err.contains("row 2, version: invalid version token \"garbage\""), "\(refused.err)")
        #expect(refused.err.contains("row 3, version: a version needs the record's id beside it"), "\(refused.err)")
    }
}
