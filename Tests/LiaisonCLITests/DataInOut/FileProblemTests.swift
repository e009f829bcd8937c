import Foundation
import TestProcesses
import Testing

/// A file that cannot be read or written is one `error:` line naming it and the problem, never
/// SQLite's or Foundation's error codes.
@Suite(.offThePool) struct FileProblemTests {
    @Test func aBackupIntoAMissingDirectoryNamesTheFileAndTheProblem() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let error = try cli.fails("--data", "node", "backup", "--out", "missing/node.sqlite")
        #expect(error.hasPrefix("error: cannot write /") && error.hasSuffix("/missing/node.sqlite: No such file or directory\n"), "\(error)")
    }

    @Test func mergeReadsANamedPipeAndRefusesADirectoryByName() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        try cli.ok("--data", "chennai", "init", "--office", "chennai")
        try cli.ok("--data", "chennai", "record", "add", "type=trade_lead", "title=Lead of chennai", "tracks=ipef")
        let bundle = Data(try cli.ok("--data", "chennai", "export").utf8)

        let error = try cli.fails("--data", "mumbai", "merge", cli.directory.path)
        #expect(error == "error: cannot read \(cli.directory.path): Is a directory\n", "\(error)")

        let pipe = try Self.namedPipe(cli, "bundle.pipe", writing: bundle)
        let merged = try cli.ok("--data", "mumbai", "merge", pipe)
        #expect(merged.hasPrefix("merged 1"), "\(merged)")
        #expect(try cli.ok("--data", "mumbai", "record", "list").contains("Lead of chennai"))
    }

    /// `liaison import` reads its spreadsheet as `merge` reads a bundle: a named pipe (a
    /// spreadsheet streamed from another command) is read whole, a directory refused by name.
    @Test func importReadsANamedPipeAndRefusesADirectoryByName() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        let error = try cli.fails("--data", "mumbai", "import", cli.directory.path)
        #expect(error == "error: cannot read \(cli.directory.path): Is a directory\n", "\(error)")

        let pipe = try Self.namedPipe(cli, "leads.pipe", writing: Data("type,title,tracks\ntrade_lead,Piped lead,ipef\n".utf8))
        try cli.ok("--data", "mumbai", "import", pipe)
        #expect(try cli.ok("--data", "mumbai", "record", "list").contains("Piped lead"))
    }

    /// A named pipe `name` in the test's directory, and a thread that writes `bytes` into it once
    /// a reader opens it (its path is returned).
    static func namedPipe(_ cli: CLI, _ name: String, writing bytes: Data) throws -> String {
        let pipe = cli.directory.appendingPathComponent(name).path
        try #require(mkfifo(pipe, 0o600) == 0)
        OwnThread.start {
            guard let handle = FileHandle(forWritingAtPath: pipe) else { return }
            handle.write(bytes)
            try? handle.close()
        }
        return pipe
    }
}
