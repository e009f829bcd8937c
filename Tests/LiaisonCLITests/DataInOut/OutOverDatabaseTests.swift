import Foundation
import TestProcesses
import Testing

/// `export --out` and `report --out` replaced a backup named by mistake, and said nothing:
/// they refuse a SQLite database (a store or a backup) by any name, and replace other files.
@Suite(.offThePool) struct OutOverDatabaseTests {
    @Test func exportAndReportRefuseToReplaceABackupOrAStore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "record", "add", "type=trade_lead", "title=Kept lead", "tracks=ipef")
        try cli.ok("--data", "node", "backup", "--out", "m1.sqlite")
        let backup = cli.directory.appendingPathComponent("m1.sqlite")
        let before = try Data(contentsOf: backup)
        try FileManager.default.createSymbolicLink(
            atPath: cli.directory.appendingPathComponent("latest.json").path,
            withDestinationPath: backup.path
        )

        for target in ["m1.sqlite", "latest.json"] {
            for (command, what) in [
                (["export"], "export"), (["report", "overview"], "report"), (["report", "overview", "--format", "csv"], "report"),
            ] {
                let result = try cli.run(["--data", "node"] + command + ["--out", target])
                #expect(result.code == 1, "\(command) --out \(target) should fail")
                #expect(
                    result.err.contains("--out \(target) is there and is a SQLite database")
                        && result.err.contains("Write the \(what) to a new file, or remove that one first"),
                    "\(command): \(result.err)"
                )
            }
        }
        // A CSV file of the report, in a directory, is checked as a FILE is, by any name; none
        // of the report's files is written when one is refused.
        let tables = cli.directory.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: backup, to: tables.appendingPathComponent("key_figures.csv"))
        try FileManager.default.createSymbolicLink(
            atPath: cli.directory.appendingPathComponent("linked").path,
            withDestinationPath: tables.path
        )
        try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("other"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: cli.directory.appendingPathComponent("other/office_track.csv").path,
            withDestinationPath: backup.path
        )
        for (out, file) in [("tables/", "tables/key_figures.csv"), ("linked", "linked/key_figures.csv"), ("other", "other/office_track.csv")] {
            let result = try cli.run(["--data", "node", "report", "overview", "--format", "csv", "--out", out])
            #expect(result.code == 1, "--out \(out) should fail")
            #expect(
                result.err.contains("--out \(file) is there and is a SQLite database")
                    && result.err.contains("Write the report to a new file, or remove that one first"),
                "\(out): \(result.err)"
            )
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tables.path) == ["key_figures.csv"], "no other file was written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("other").path) == ["office_track.csv"])
        #expect(try Data(contentsOf: tables.appendingPathComponent("key_figures.csv")) == before)

        #expect(try Data(contentsOf: backup) == before, "the backup is left as it was")
        try cli.ok("restore", "m1.sqlite", "--data", "restored")
        #expect(try cli.ok("--data", "restored", "record", "list").contains("Kept lead"))

        let earlier = cli.directory.appendingPathComponent("bundle.json")
        try Data("an earlier export".utf8).write(to: earlier)
        try cli.ok("--data", "node", "export", "--out", "bundle.json")
        #expect(try String(contentsOf: earlier, encoding: .utf8).contains("\"last_sequence\""), "another file is replaced")
    }
}
