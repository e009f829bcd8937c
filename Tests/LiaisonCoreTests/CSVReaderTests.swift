import Foundation
import LiaisonCore
import Testing

@Suite struct CSVReaderTests {
    @Test func excelQuotingBOMSemicolonsAndRowNumbers() throws {
        let text = "\u{FEFF}title;notes;value\r\n\"A \"\"quoted\"\"; title\";\"two\r\nlines\";5\r\n\r\nplain;;7\r\n"
        let table = try CSVReader.read(text)
        #expect(table.separator == ";")
        #expect(table.header == ["title", "notes", "value"])
        #expect(
            table.rows == [
                CSVTable.Row(row: 2, values: ["A \"quoted\"; title", "two\r\nlines", "5"]),
                // Row 4 as a spreadsheet shows it (the blank line is row 3), though line 5 of the file.
                CSVTable.Row(row: 4, values: ["plain", "", "7"]),
            ]
        )
    }

    @Test func commasLFAndALastLineWithoutEnd() throws {
        let table = try CSVReader.read("a,b\n1,\"x,y\"\n2,z")
        #expect(table.separator == ",")
        #expect(table.rows.map(\.values) == [["1", "x,y"], ["2", "z"]])
        #expect(table.rows.map(\.row) == [2, 3])
    }

    @Test func rowsOfEmptyCellsAreLeftOutLikeBlankLines() throws {
        let table = try CSVReader.read("Title,Office\r\nA,mumbai\r\n,\r\n\r\n\"\", \r\nB,\r\n")
        #expect(table.rows.map(\.values) == [["A", "mumbai"], ["B", ""]])
        #expect(table.rows.map(\.row) == [2, 6])
    }

    @Test func excelSepLineChoosesTheSeparator() throws {
        let table = try CSVReader.read("sep=;\r\na;b,c\r\n1;2,3\r\n")
        #expect(table.header == ["a", "b,c"])
        #expect(table.rows == [CSVTable.Row(row: 2, values: ["1", "2,3"])])
    }

    /// Excel's "Unicode Text" separates by tabs and quotes a cell holding a tab; a comma in a
    /// column's name does not make it comma-separated.
    @Test func aHeaderWithMoreTabsThanCommasOrSemicolonsIsTabSeparated() throws {
        let table = try CSVReader.read("Title\tValue, USD\tNotes\r\n\"A, B\"\t5\t\"x\ty\"\r\n")
        #expect(table.separator == "\t")
        #expect(table.header == ["Title", "Value, USD", "Notes"])
        #expect(table.rows == [CSVTable.Row(row: 2, values: ["A, B", "5", "x\ty"])])
        // As many of two: comma before semicolon before tab.
        for (header, separator) in [("a,b\tc", ","), ("a;b\tc", ";"), ("a;b\tc\td", "\t"), ("\"a\tb\",c", ","), ("title", ",")] {
            #expect(try CSVReader.read(header + "\n1\n").separator == Character(separator), "\(header)")
        }
    }

    @Test func anUnclosedQuoteNamesItsRow() {
        #expect(throws: CSVSyntaxError(row: 3, message: "a quoted value is not closed")) {
            try CSVReader.read("a,b\n1,2\n3,\"open\n")
        }
    }

    @Test func writtenFieldsReadBackUnchanged() throws {
        let values = ["plain", "with, comma", "with; semicolon", "\"quoted\"", "line\r\nbreak", " padded ", ""]
        let table = try CSVReader.read(CSVText.line(values.indices.map { "c\($0)" }) + CSVText.line(values))
        #expect(table.rows.first?.values == values)
    }

    /// A quote or comma with a combining mark after it is one `Character`, but the reader sees
    /// the quote or comma byte: it must be quoted and doubled all the same.
    @Test func aQuoteOrCommaBeforeACombiningMarkReadsBackUnchanged() throws {
        let values = ["\"\u{301}x", "a,\u{301}b", "\r\"\u{301}", "\u{301}\"", " \u{301}"]
        let table = try CSVReader.read(CSVText.line(values.indices.map { "c\($0)" }) + CSVText.line(values))
        #expect(table.rows.first?.values.map { Array($0.unicodeScalars) } == values.map { Array($0.unicodeScalars) })
    }
}

@Suite struct SpreadsheetCellTests {
    let schema = Schema.core

    @Test func choicesIgnoreCaseAndSpaces() throws {
        #expect(try schema.parseCell(field: "status", text: "Closed Won") == .text("closed_won"))
        #expect(try schema.parseCell(field: "office", text: " New Delhi ") == .text("new-delhi"))
        #expect(try schema.parseCell(field: "tracks", text: "Critical Minerals; sccp") == .list(["critical_minerals", "sccp"]))
        #expect(try schema.parseCell(field: "tracks", text: "ipef, Trade Mission") == .list(["ipef", "trade_mission"]))
    }

    @Test func datesNumbersAndFlagsAsSpreadsheetsWriteThem() throws {
        #expect(try schema.parseCell(field: "opened_on", text: "03/07/2025") == .text("2025-07-03"))
        #expect(try schema.parseCell(field: "opened_on", text: "3/7/2025") == .text("2025-07-03"))
        #expect(try schema.parseCell(field: "opened_on", text: "2025-07-03") == .text("2025-07-03"))
        #expect(try schema.parseCell(field: "value_usd", text: "$2,500,000") == .number(2_500_000))
        #expect(try schema.parseCell(field: "value_usd", text: "1250.5") == .number(1_250.5))
        #expect(try schema.parseCell(field: "underserved_owned", text: "Yes") == .bool(true))
        #expect(try schema.parseCell(field: "underserved_owned", text: "0") == .bool(false))
        #expect(try schema.parseCell(field: "notes", text: "") == .null)
    }

    @Test func amountsGroupedInLakhsAndCroresReadAsThoseGroupedInThousands() throws {
        for (text, amount) in [
            ("1,00,000", 100_000.0), ("$2,50,00,000.50", 25_000_000.5), ("US$ 12,34,567", 1_234_567), ("99,999", 99_999),
            ("1,000,000", 1_000_000), ("$1,000,000", 1_000_000),
        ] {
            #expect(try schema.parseCell(field: "value_usd", text: text) == .number(amount), "\(text)")
        }
        for malformed in ["1,0,0", "1,00,00", "123,45,678", "1,00,0000", ",00,000", "1,,000"] {
            #expect(throws: ValidationError("value_usd", "must be a number ≥ 0, got \"\(malformed)\"")) {
                try schema.parseCell(field: "value_usd", text: malformed)
            }
        }
    }

    @Test func anAmountInRupeesIsRefusedNamingDollars() {
        for rupees in ["₹5,00,000", "5,00,000 ₹", "Rs 500", "Rs.500", "INR 5,00,000"] {
            #expect(throws: ValidationError("value_usd", "is in US dollars, got \"\(rupees)\" in rupees: convert it to dollars")) {
                try schema.parseCell(field: "value_usd", text: rupees)
            }
        }
    }

    @Test func badCellsGiveTheDataEntryMessage() {
        #expect(throws: ValidationError("value_usd", "must be a number ≥ 0, got \"TBD\"")) {
            try schema.parseCell(field: "value_usd", text: "TBD")
        }
        // Slash dates are day first: a US-ordered date is refused saying so.
        for bad in ["31/02/2026", "12/31/2026", "March 5, 2026"] {
            #expect(throws: ValidationError("opened_on", "must be a date YYYY-MM-DD or DD/MM/YYYY (day first), got \"\(bad)\"")) {
                try schema.parseCell(field: "opened_on", text: bad)
            }
        }
        #expect(throws: ValidationError("value_usd", "must be a number ≥ 0, got \"1,00\"")) {
            try schema.parseCell(field: "value_usd", text: "1,00")
        }
        #expect(throws: ValidationError("title", "is required")) { try schema.parseCell(field: "title", text: " ") }
    }
}

@Suite struct CSVFileTextTests {
    @Test func utf8WindowsAndUTF16FilesAreRead() throws {
        #expect(try CSVFileText.decode(Data("Title\nCafé ✓\n".utf8)) == "Title\nCafé ✓\n")
        #expect(try CSVFileText.decode(Data([0x54, 0x0A, 0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x0A])) == "T\nCafé €\n", "Windows-1252")
        let utf16 = Data([0xFF, 0xFE]) + "Title\nCafé\n".data(using: .utf16LittleEndian)!
        #expect(try CSVFileText.decode(utf16).contains("Café"))
    }

    /// Excel's "Unicode Text": UTF-16 little-endian with its byte-order mark, tab-separated; the
    /// same text big-endian reads the same.
    @Test func unicodeTextReadsAsTheTextItHoldsEitherByteOrder() throws {
        let text = "Title\tOffice\r\nCafé Müller 🚀\tmumbai\r\n"
        let little = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
        let big = Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!
        #expect(little.count == 2 + 2 * text.utf16.count && little[2] == 0x54 && little[3] == 0)
        for bytes in [little, big] {
            let read = try CSVFileText.decode(bytes)
            #expect(read == text)
            #expect(try CSVReader.read(read).rows == [CSVTable.Row(row: 2, values: ["Café Müller 🚀", "mumbai"])])
        }
    }

    @Test func aFileMarkedUTF16ThatIsNotIsRefusedNamingTheByteAndHowToSaveIt() {
        let lone = Data([0xFF, 0xFE]) + "Title\n".data(using: .utf16LittleEndian)! + Data([0x00, 0xD8, 0x41, 0x00])
        let odd = Data([0xFE, 0xFF]) + "Title\n".data(using: .utf16BigEndian)! + Data([0x00])
        for (bytes, byte) in [(lone, 15), (odd, 15)] {
            #expect {
                try CSVFileText.decode(bytes)
            } throws: { error in
                "\(error)"
                    == "not UTF-16 text from byte \(byte) on, though it starts as UTF-16 (\"Unicode Text\") does; save it again as \"CSV UTF-8\" or \"Unicode Text\""
            }
        }
    }

    @Test func utf16WithoutAByteOrderMarkIsReadEitherWay() throws {
        let text = "Title,Office\nCafé Müller,mumbai\n"
        #expect(try CSVFileText.decode(text.data(using: .utf16LittleEndian)!) == text)
        #expect(try CSVFileText.decode(text.data(using: .utf16BigEndian)!) == text)
    }

    @Test func zeroBytesThatAreNotUTF16AreRefusedNamingWhere() {
        #expect {
            try CSVFileText.decode(Data("Title\nab".utf8) + Data([0, 0x41, 0x0A]))
        } throws: { error in
            "\(error)" == "not a text file (a zero byte at byte 9); save it again as \"CSV UTF-8\" or \"Unicode Text\""
        }
    }

    /// A file that starts with UTF-8's mark is UTF-8: a zero byte in it was read as UTF-16
    /// without a mark, and the error quoted its header as Chinese characters.
    @Test func aZeroByteAfterUTF8sMarkIsNamed() throws {
        #expect {
            try CSVFileText.decode(Data([0xEF, 0xBB, 0xBF]) + Data("Title,Type\nnul".utf8) + Data([0]) + Data("byte,events\n".utf8))
        } throws: { error in
            "\(error)" == "not a text file (a zero byte at byte 18); save it again as \"CSV UTF-8\" or \"Unicode Text\""
        }
    }

    /// Read as Windows-1252, a binary file without zero bytes (part of an image) was rows of
    /// garbage: a control character or a byte Windows-1252 leaves undefined is refused, naming it.
    @Test func bytesNoWindowsTextHoldsAreRefusedNamingTheFirst() throws {
        let text = Data("T\tO\r\n".utf8) + Data([0xE9, 0x92, 0x80, 0x8C, 0xFF])
        #expect(try CSVFileText.decode(text) == "T\tO\r\né’€Œÿ", "tab, CR, LF and every defined byte above 0x7F are text")
        for byte: UInt8 in [0x01, 0x08, 0x0B, 0x0C, 0x1A, 0x1B, 0x1F, 0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            let hex = String(format: "0x%02X", byte)
            #expect {
                try CSVFileText.decode(text + Data([0x41, byte, 0x0A, 0x01]))
            } throws: { error in
                "\(error)" == "not a text file (byte 12 is \(hex), which no Windows text holds); save it again as \"CSV UTF-8\" or \"Unicode Text\""
            }
        }
    }

    @Test func anEmptyFileIsRefusedAsEmpty() {
        let empties = [Data(), Data(" \r\n\n".utf8), Data([0xEF, 0xBB, 0xBF]), Data([0xFF, 0xFE]) + "\n".data(using: .utf16LittleEndian)!]
        for empty in empties {
            #expect { try CSVFileText.decode(empty) } throws: { error in "\(error)" == "the file is empty" }
        }
    }

    @Test func anExcelWorkbookIsNamedAsOneNotAsZeroBytes() {
        let workbooks = [
            Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),  // .xlsx: a zip archive
            Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00]),  // .xls
        ]
        for workbook in workbooks {
            #expect {
                try CSVFileText.decode(workbook)
            } throws: { error in
                "\(error)"
                    == "not a text file: it looks like an Excel workbook (.xlsx or .xls); in Excel, save it as \"CSV UTF-8\" and import that file"
            }
        }
    }

    @Test func aFileMixingUTF8AndWindowsTextIsRefusedNamingTheLines() {
        let mixed = Data("Title\nCafé utf8 🚀\n".utf8) + Data([0x43, 0x61, 0x66, 0xE9, 0x0A])
        #expect {
            try CSVFileText.decode(mixed)
        } throws: { error in
            "\(error)" == "line 3 is not UTF-8 while line 2 is: the file mixes two encodings; save it again as \"CSV UTF-8\" or \"Unicode Text\""
        }
    }
}

@Suite struct ImportPlanTests {
    @Test func emptyTrailingColumnsAreSkippedAndUnknownColumnsNamed() throws {
        let plan = ImportPlan(table: try CSVReader.read("Title;Type;Tracks;;\r\nA;Investment;sccp;;\r\n"), schema: .core)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.fields == ["title", "type", "tracks", nil, nil])
        let unknown = ImportPlan(table: try CSVReader.read("Title,Colour\nA,red\n"), schema: .core)
        #expect(
            unknown.problems.map(\.description).contains(
                "row 1, column \"Colour\" is not a field; map it with --map \"Colour=FIELD\" or skip it with --map \"Colour=\""
            )
        )
    }

    @Test func mapEntriesMatchColumnsAsHeadersMatchFields() throws {
        let table = try CSVReader.read("Deal Name,Kind,Tracks,Internal ref\nA,investment,ipef,7\n")
        let plan = ImportPlan(table: table, schema: .core, map: ["deal name": "Title", "KIND": "type", "internal-ref": ""])
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.fields == ["title", "type", "tracks", nil])
    }

    @Test func aMapEntryNamingNoColumnOrNoFieldIsAProblem() throws {
        let table = try CSVReader.read("Deal name,Type,Tracks\nA,investment,ipef\n")
        let plan = ImportPlan(table: table, schema: .core, map: ["Deal name": "titel", "Value": "value_usd"])
        #expect(
            plan.problems.map(\.description) == [
                "row 1, --map \"Deal name=titel\": no field \"titel\" (did you mean \"title\"?)",
                "row 1, --map \"Value=value_usd\": the file has no column \"Value\"",
                "row 1, title: no column holds this required field",
            ]
        )
        let unknown = ImportPlan(table: try CSVReader.read("Titel,Type,Tracks\nA,investment,ipef\n"), schema: .core)
        #expect(unknown.problems.first?.message.hasPrefix("column \"Titel\" is not a field (did you mean \"title\"?);") == true)
    }

    @Test func aShortRowIsAProblemNotAClearingOfItsMissingCells() throws {
        let text = "id,title,notes,officer\nrec-1,A,keep,Ravi\nrec-2,B\n"
        let plan = ImportPlan(table: try CSVReader.read(text), schema: .core)
        #expect(plan.problems == [ImportProblem(row: 3, field: nil, message: "2 values, but the header has 4 columns")])
        #expect(plan.rows.map(\.row) == [2])
    }

    @Test func aNewRecordsEmptyOfficeOrStatusCellTakesTheDefault() throws {
        let text = "Title,Type,Tracks,Office,Status\nA,investment,ipef,,\nB,investment,ipef,chennai,contacted\n"
        let plan = ImportPlan(table: try CSVReader.read(text), schema: .core)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        #expect(plan.rows[0].values["office"] == nil && plan.rows[0].values["status"] == nil)
        #expect(plan.rows[1].values["office"] == .text("chennai") && plan.rows[1].values["status"] == .text("contacted"))
        let noTitle = ImportPlan(table: try CSVReader.read("Title,Type,Tracks\n,investment,ipef\n"), schema: .core)
        #expect(noTitle.problems == [ImportProblem(row: 2, field: "title", message: "is required")])
    }

    @Test func aRepeatedIDIsAProblemOfTheSecondRow() throws {
        let text = "id,title\nrec-1,A\nrec-1,B\n"
        let plan = ImportPlan(table: try CSVReader.read(text), schema: .core)
        #expect(plan.problems == [ImportProblem(row: 3, field: "id", message: "record rec-1 is also on row 2")])
    }

    /// A new record's id holds its row in 21 bits: every row past the last would have been one
    /// record, each saved over the one before, and the import said it made them all.
    @Test func newRecordsPastTheLastRowAnIDHoldsAreRefusedOnce() throws {
        let last = RecordID.lastImportedRow
        // Blank lines count in the numbering (a spreadsheet's empty rows), so rows of a 2 MB file get there.
        let rows = (last - 1...last + 2).map { "event,Row \($0),ipef,\n" }.joined()
        let text =
            "type,title,tracks,id\n" + String(repeating: "\n", count: last - 3) + rows + "event,Has an id,ipef,0193a02b-1bc0-7fd9-8bf6-5d734a3b6f2a\n"
        let plan = ImportPlan(table: try CSVReader.read(text), schema: .core)
        #expect(
            plan.problems == [
                ImportProblem(
                    row: last + 1,
                    field: nil,
                    message: "new records come only from the first 2,097,151 rows of a file: split it into smaller files"
                )
            ]
        )
        #expect(plan.rows.map { $0.row } == [last - 1, last, last + 3])
        #expect(
            RecordID.imported(file: Array(repeating: 7, count: 8), row: last) != RecordID.imported(file: Array(repeating: 7, count: 8), row: last - 1)
        )
    }
}
