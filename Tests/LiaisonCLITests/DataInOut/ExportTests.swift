import Foundation
import Testing

/// Whole lists out of the CLI: never silently cut, and CSV that imports back unchanged.
@Suite struct ExportTests {
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
        #expect(again == exported)
    }
}
