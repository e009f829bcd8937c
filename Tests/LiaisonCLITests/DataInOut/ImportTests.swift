import Foundation
import TestProcesses
import Testing

/// `liaison import` as an office adopting Liaison uses it: a spreadsheet saved from Excel.
@Suite(.offThePool) struct ImportTests {
    @Test func aRealisticSpreadsheetImportsWholeAndASecondImportIsRefused() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("partnerships.csv")
        try SpreadsheetFixture.csv(rows: 300).write(to: file)

        let dry = try cli.ok("--data", "node", "import", file.path, "--dry-run")
        #expect(dry.contains("would create 300 records"), "\(dry)")
        #expect(try cli.ok("--data", "node", "record", "list").hasPrefix("no records"))

        let done = try cli.ok("--data", "node", "import", file.path, author: "priya")
        #expect(done.contains("created 300 records"), "\(done)")
        #expect(try Self.count(cli) == 300)

        // What the spreadsheet said, as the store shows it.
        let records = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try cli.ok("--data", "node", "record", "list", "--json", "--text", "Deal 30:").utf8)
            ) as? [[String: Any]]
        )
        let fields = try #require(records.first?["fields"] as? [String: Any])
        #expect(fields["title"] as? String == "Deal 30: \"Lithium\" JV; phase 2")
        #expect(fields["status"] as? String == "in_discussion")
        #expect(fields["office"] as? String == "chennai")
        #expect(fields["tracks"] as? [String] == ["critical_minerals", "semiconductors"])
        #expect(fields["opened_on"] as? String == "2025-07-03")
        #expect(fields["us_party"] as? String == "Acme, Inc.")
        #expect(fields["critical_minerals.mineral"] as? String == "lithium")
        #expect(fields["value_usd"] as? Double == 31_000)
        let history = try cli.ok("--data", "node", "record", "get", try #require(records.first?["id"] as? String))
        #expect(history.contains("title") && !history.contains("CONFLICT"))
        let view = try cli.record("node", try #require(records.first?["id"] as? String))
        #expect((view["fields"] as? [String: Any])?["notes"] == nil)

        let again = try cli.run(["--data", "node", "import", file.path])
        #expect(again.code != 0)
        #expect(again.err.contains("imported already") && again.err.contains("priya"), "\(again.err)")
        #expect(try Self.count(cli) == 300)
    }

    @Test func aSpreadsheetsOwnIDNumbersAreNotTakenAsRecordIDs() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("numbered.csv")
        try Data("ID,Title,Type,Tracks\n1,Lithium deal,investment,ipef\n2,Wind JV,joint_venture,ipef\n".utf8).write(to: file)
        let refused = try cli.run(["--data", "node", "import", file.path])
        #expect(refused.code != 0)
        #expect(refused.err.contains("row 2, id: no record here has id \"1\""), "\(refused.err)")
        #expect(refused.err.contains("--map \"COLUMN=\"") && refused.err.contains("row 3"), "\(refused.err)")
        #expect(try Self.count(cli) == 0)
        let mapped = try cli.ok("--data", "node", "import", file.path, "--map", "ID=")
        #expect(mapped.contains("created 2 records"), "\(mapped)")
        let ids = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "node", "record", "list", "--json").utf8)) as? [[String: Any]]
        )
        #expect(ids.compactMap { $0["id"] as? String }.allSatisfy { $0.count == 36 })
    }

    @Test func threeBadRowsImportNothingAndAreEachNamed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("partnerships.csv")
        let bad: [Int: (column: String, value: String)] = [
            12: ("Value USD", "TBD"), 140: ("Status", "Maybe later"), 299: ("Opened On", "12/31/2026"),
        ]
        try SpreadsheetFixture.csv(rows: 300, bad: bad).write(to: file)

        let result = try cli.run(["--data", "node", "import", file.path])
        #expect(result.code != 0)
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasPrefix("error: ") == true && lines.first?.hasSuffix(": nothing imported: 4 bad rows, 4 problems") == true,
            "\(result.err)"
        )
        // Rows as Excel numbers them (the header is row 1): every 7th row's notes hold a line
        // break, so row 301 starts on line 344 of the file. Its US date in a sheet of Indian
        // dates is named beside one of those, and refused as the others are read, day first.
        #expect(
            lines.dropFirst() == [
                "  row 1, the file's slash dates are in both orders: day first on row 14 (opened_on \"13/01/2025\") and month first on row 301 (opened_on \"12/31/2026\"); write them all in one order, or as YYYY-MM-DD; until then they are read day first",
                "  row 14, value_usd: must be a number ≥ 0, got \"TBD\"",
                "  row 142, status: must be one of identified, contacted, in_discussion, mou_signed, closed_won, closed_lost, on_hold, got \"Maybe later\"",
                "  row 301, opened_on: must be a date YYYY-MM-DD or DD/MM/YYYY (day first), got \"12/31/2026\"",
            ],
            "\(result.err)"
        )
        #expect(try cli.ok("--data", "node", "record", "list").hasPrefix("no records"))

        let json = try cli.run(["--data", "node", "import", file.path, "--json"])
        #expect(json.code != 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(
            (object["problems"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
                == [1, 14, 142, 301]
        )
        #expect(object["imported"] as? Bool == false)
    }

    /// A sheet saved by Excel with its dates as moments (a time of midnight) imports them as
    /// days; one whose date column was not formatted as dates (Excel's date numbers) is
    /// refused, saying what to do.
    @Test func datesWrittenAsMomentsImportAndDateNumbersGetAdvice() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let moments = cli.directory.appendingPathComponent("moments.csv")
        try "Title,Type,Tracks,Opened On\nFab JV,investment,semiconductors,2026-03-01 00:00:00\n".write(
            to: moments,
            atomically: true,
            encoding: .utf8
        )
        #expect(try cli.ok("--data", "node", "import", moments.path).contains("created 1 record"))
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "node", "record", "list", "--json").utf8)) as? [[String: Any]]
        )
        #expect((records.first?["fields"] as? [String: Any])?["opened_on"] as? String == "2026-03-01", "\(records)")

        let numbers = cli.directory.appendingPathComponent("numbers.csv")
        try "Title,Type,Tracks,Opened On\nLithium JV,investment,critical_minerals,46022\n".write(to: numbers, atomically: true, encoding: .utf8)
        let refused = try cli.run(["--data", "node", "import", numbers.path])
        #expect(refused.code != 0)
        #expect(
            refused.err.contains(
                #"row 2, opened_on: must be a date YYYY-MM-DD or DD/MM/YYYY (day first), got "46022", which looks like a spreadsheet's date number: format the column as a date (YYYY-MM-DD) and export again"#
            ),
            "\(refused.err)"
        )
        #expect(try Self.count(cli) == 1, "nothing more imported")
    }

    /// How many live records `record list --json` lists at `node`.
    static func count(_ cli: CLI) throws -> Int {
        let list = try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "node", "record", "list", "--json").utf8))
        return (list as? [Any])?.count ?? -1
    }

    @Test func columnsMapAndRowsWithAnIDUpdateTheirRecord() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let id = try recordID(
            try cli.ok(
                "--data",
                "node",
                "record",
                "add",
                "--json",
                "type=investment",
                "title=Fab JV",
                "tracks=semiconductors",
                "value_usd=100"
            )
        )
        let file = cli.directory.appendingPathComponent("deals.csv")
        try "Deal name,Kind,Tracks,Value,Ignored\r\n\"Rare earth magnets\",Investment,critical minerals,\"$2,500,000\",x\r\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let unknown = try cli.run(["--data", "node", "import", file.path])
        #expect(unknown.err.contains("row 1, column \"Deal name\" is not a field"), "\(unknown.err)")
        // One column given two fields: the last won, silently, and title then lacked its column.
        let twice = try cli.run(["--data", "node", "import", file.path, "--map", "Deal name=title", "--map", "Deal name=notes"])
        #expect(twice.code == 64, "\(twice.err)")
        #expect(twice.err.contains("column \"Deal name\" is mapped twice, to title and to notes: give it once"), "\(twice.err)")
        // Spelled twice: which one won depended on their order as text.
        let spelled = try cli.run(["--data", "node", "import", file.path, "--map", "Deal name=title", "--map", "deal_name=notes"])
        #expect(spelled.code == 64, "\(spelled.err)")
        #expect(
            spelled.err.contains(
                "\"Deal name\" and \"deal_name\" name one column (case, spaces, _ and - aside), mapped to title and to notes: give it once"
            ),
            "\(spelled.err)"
        )
        try cli.ok(
            "--data",
            "node",
            "import",
            file.path,
            "--map",
            "Deal name=title",
            "--map",
            "Kind=type",
            "--map",
            "Value=value_usd",
            "--map",
            "Ignored="
        )
        let made = try cli.ok("--data", "node", "record", "list", "--json", "--text", "magnets")
        #expect(made.contains("\"value_usd\":2500000"), "\(made)")

        let update = cli.directory.appendingPathComponent("update.csv")
        try "id,status,value_usd\n\(id),Closed Won,\n".write(to: update, atomically: true, encoding: .utf8)
        #expect(try cli.ok("--data", "node", "import", update.path, author: "ravi").contains("updated 1"))
        let fields = try #require(try cli.record("node", id)["fields"] as? [String: Any])
        #expect(fields["status"] as? String == "closed_won")
        #expect(fields["value_usd"] == nil)
        #expect(fields["title"] as? String == "Fab JV")
        #expect(try cli.ok("--data", "node", "import", update.path, "--again").contains("1 unchanged"))
    }
}
