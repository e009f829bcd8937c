import Foundation
import TestProcesses
import Testing

/// `liaison import` of a sheet re-saved by US-locale Excel as "Unicode Text": UTF-16 with a
/// byte-order mark, tab-separated, its slash dates month first.
@Suite(.offThePool) struct ImportUnicodeTextTests {
    static let sheet =
        "Title\tType\tTracks\tOpened On\r\nFab JV\tInvestment\tSemiconductors\t03/04/2026\r\n"
        + "\"Lithium, phase 2\"\tJoint Venture\tcritical minerals\t12/31/2026\r\n"

    /// `text` as Excel's Unicode Text saves it: UTF-16 little-endian after its byte-order mark.
    static func unicodeText(_ text: String) -> Data { Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)! }

    @Test func aUSSheetSavedAsUnicodeTextImportsWithItsDatesMonthFirst() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("deals.txt")
        try Self.unicodeText(Self.sheet).write(to: file)

        let dry = try cli.ok("--data", "node", "import", file.path, "--dry-run")
        #expect(
            dry.hasPrefix(
                "dry run of deals.txt: would create 2 records, update 0, leave 0 unchanged; nothing was written\n"
                    + "slash dates are read month first (MM/DD/YYYY), as row 3's opened_on \"12/31/2026\" shows\n"
            ),
            "\(dry)"
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "node", "import", file.path, "--dry-run", "--json").utf8))
                as? [String: Any]
        )
        let dates = try #require(json["dates"] as? [String: Any])
        #expect(dates["order"] as? String == "month-first" && dates["from"] as? String == "detected" && dates["line"] as? Int == 3)

        let monthFirst = try cli.ok("--data", "node", "import", file.path, "--dry-run", "--dates", "month-first")
        #expect(monthFirst.contains("\nslash dates are read month first (MM/DD/YYYY), as stated\n"), "\(monthFirst)")

        // Stated day first, the sheet's US date is refused, naming its row and the order.
        let stated = try cli.run(["--data", "node", "import", file.path, "--dates", "day-first"])
        #expect(stated.code != 0)
        #expect(
            stated.err.contains("  row 3, opened_on: must be a date YYYY-MM-DD or DD/MM/YYYY (day first), got \"12/31/2026\""),
            "\(stated.err)"
        )
        #expect(try ImportTests.count(cli) == 0)

        let imported = try cli.ok("--data", "node", "import", file.path)
        #expect(imported.contains("created 2 records"), "\(imported)")
        #expect(imported.contains("slash dates are read month first (MM/DD/YYYY), as row 3's"), "\(imported)")
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "node", "record", "list", "--json").utf8)) as? [[String: Any]]
        )
        let opened = Dictionary(
            uniqueKeysWithValues: records.compactMap { record in
                (record["fields"] as? [String: Any]).map { ($0["title"] as? String ?? "", $0["opened_on"] as? String ?? "") }
            }
        )
        #expect(opened == ["Fab JV": "2026-03-04", "Lithium, phase 2": "2026-12-31"], "3 April would be day first")

        // The same text saved as UTF-8 is the same file.
        let utf8 = cli.directory.appendingPathComponent("deals-utf8.txt")
        try Data(Self.sheet.utf8).write(to: utf8)
        #expect(try cli.run(["--data", "node", "import", utf8.path]).err.contains("imported already"))
        #expect(try ImportTests.count(cli) == 2)
    }

    @Test func aSheetWithDatesInBothOrdersIsRefusedNamingARowOfEach() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("mixed.txt")
        try Self.unicodeText(Self.sheet + "Wind JV\tInvestment\tipef\t31/12/2026\r\n").write(to: file)
        let refused = try cli.run(["--data", "node", "import", file.path, "--dry-run"])
        #expect(refused.code != 0)
        #expect(
            refused.err.contains(
                "  row 1, the file's slash dates are in both orders: day first on row 4 (opened_on \"31/12/2026\") and month first on row 3 (opened_on \"12/31/2026\")"
            ),
            "\(refused.err)"
        )
        // Stated, the order is not in question: the row written the other way is.
        let stated = try cli.run(["--data", "node", "import", file.path, "--dates", "month-first", "--dry-run"])
        #expect(stated.code != 0 && !stated.err.contains("both orders"), "\(stated.err)")
        #expect(
            stated.err.contains("  row 4, opened_on: must be a date YYYY-MM-DD or MM/DD/YYYY (month first), got \"31/12/2026\""),
            "\(stated.err)"
        )
    }

    @Test func aFileThatIsNotTextIsRefusedSayingHowToSaveIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("scan.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: file)
        let error = try cli.fails("--data", "node", "import", file.path)
        #expect(
            error == "error: \(file.path): not a text file (a zero byte at byte 9); save it again as \"CSV UTF-8\" or \"Unicode Text\"\n",
            "\(error)"
        )
    }
}
