import Foundation
import TestProcesses
import Testing

/// `--out NAME/` where one file is written (a Markdown, HTML or JSON report, an export, a
/// backup) wrote a file called NAME; a CSV report there is a directory of files, as before.
@Suite(.offThePool) struct OutDirectoryNameTests {
    @Test func aNameEndingInASlashIsRefusedWhereOneFileIsWritten() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let out = cli.directory.appendingPathComponent("out").path
        for command in [["report", "overview", "--format", "md"], ["report", "sccp", "--format", "html"], ["export"], ["backup"]] {
            let result = try cli.run(["--data", "node"] + command + ["--out", out + "/"])
            #expect(result.code == 1, "\(command)")
            // `backup` has no standard output to offer: its --out is required.
            let wayOut = command == ["backup"] ? "name a file" : "name a file, or leave out --out to write to standard output"
            #expect(result.err == "error: --out \(out)/ ends in / (a directory); \(wayOut)\n", "\(command)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(command) wrote nothing")
        }
        // A directory named without the slash is no file either.
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let backup = try cli.run(["--data", "node", "backup", "--out", out])
        #expect(backup.code == 1 && backup.err == "error: --out \(out) is not a regular file; name a file\n", "\(backup.err)")
        try FileManager.default.removeItem(atPath: out)
        try cli.ok("--data", "node", "report", "overview", "--format", "csv", "--out", out + "/")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    /// A report that cannot be written says where and why in one line, as an export does
    /// (it printed Foundation's error object: `Error Domain=NSCocoaErrorDomain Code=4 ...`).
    @Test func aReportThatCannotBeWrittenSaysWhereAndWhy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let missing = cli.directory.appendingPathComponent("no/such/dir/overview.md").path
        let result = try cli.run(["--data", "node", "report", "overview", "--format", "md", "--out", missing])
        #expect(result.code == 1)
        #expect(result.err == "error: cannot write \(missing): No such file or directory\n", "\(result.err)")
    }
}
