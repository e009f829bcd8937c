import Foundation
import TestProcesses
import Testing

/// `export` and `report` wrote their `--out` wherever it pointed: naming the store left it
/// malformed. Like `backup`, they refuse any path inside the data directory, by any name.
@Suite(.offThePool) struct OutInsideDataTests {
    @Test func exportAndReportRefuseEveryPathInsideTheDataDirectory() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "record", "add", "type=trade_lead", "title=Kept lead", "tracks=ipef")
        let data = cli.directory.appendingPathComponent("node")
        let config = data.appendingPathComponent("liaison.conf")
        try Data("[server]\nport = 8123\n".utf8).write(to: config)
        let files = FileManager.default
        try files.createSymbolicLink(atPath: cli.directory.appendingPathComponent("alias").path, withDestinationPath: data.path)
        try files.createSymbolicLink(
            atPath: cli.directory.appendingPathComponent("store-link.json").path,
            withDestinationPath: data.appendingPathComponent("liaison.sqlite").path
        )
        // SQLite's own `-wal` and `-shm` files come and go as commands open and close the store.
        func written() throws -> [String] {
            try files.contentsOfDirectory(atPath: data.path).filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.sorted()
        }
        let listed = try written()

        let targets = ["node/liaison.sqlite", "node/liaison.conf", "node/sub/../liaison.sqlite", "alias/liaison.sqlite", "store-link.json"]
        var commands = targets.map { (["export", "--out", $0], "export to a file outside it") }
        commands += targets.map { (["report", "overview", "--out", $0], "write the report outside it") }
        commands += ["node/", "alias/", "node/tables/"].map {
            (["report", "overview", "--format", "csv", "--out", $0], "write the report outside it")
        }
        // A report's CSV file in a directory outside, linked to a file inside.
        try files.createDirectory(at: cli.directory.appendingPathComponent("tables"), withIntermediateDirectories: true)
        try files.createSymbolicLink(
            atPath: cli.directory.appendingPathComponent("tables/key_figures.csv").path,
            withDestinationPath: config.path
        )
        commands.append((["report", "overview", "--format", "csv", "--out", "tables/"], "write the report outside it"))
        for (command, advice) in commands {
            let result = try cli.run(["--data", "node"] + command)
            #expect(result.code == 1, "\(command) should fail")
            #expect(result.err.contains("is inside the data directory") && result.err.contains(advice), "\(command): \(result.err)")
        }

        let after = try written()
        #expect(after == listed, "nothing was written in the data directory: \(after)")
        #expect(try String(contentsOf: config, encoding: .utf8) == "[server]\nport = 8123\n")
        #expect(try cli.ok("--data", "node", "record", "list").contains("Kept lead"), "the store is whole")
        try cli.ok("--data", "node", "export", "--out", "bundle.json")
        try cli.ok("--data", "node", "report", "overview", "--out", "overview.json")
    }
}
