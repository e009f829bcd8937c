import Foundation
import TestProcesses
import Testing

/// `--out NAME/` where one file is written (a Markdown, HTML or JSON report, an export, a
/// backup) wrote a file called NAME; a CSV report there is a directory of files, as before.
@Suite(.waitsForProcesses) struct OutDirectoryNameTests {
    @Test func aNameEndingInASlashIsRefusedWhereOneFileIsWritten() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let out = cli.directory.appendingPathComponent("out").path
        for command in [["report", "overview", "--format", "md"], ["report", "sccp", "--format", "html"], ["export"], ["backup"]] {
            let result = try cli.run(["--data", "node"] + command + ["--out", out + "/"])
            #expect(result.code == 1, "\(command)")
            #expect(result.err == "error: --out \(out)/ ends in / (a directory); name a file, or leave out --out to write to standard output\n")
            #expect(!FileManager.default.fileExists(atPath: out), "\(command) wrote nothing")
        }
        try cli.ok("--data", "node", "report", "overview", "--format", "csv", "--out", out + "/")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}
