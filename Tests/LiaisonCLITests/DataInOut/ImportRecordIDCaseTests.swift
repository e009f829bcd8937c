import Foundation
import TestProcesses
import Testing

/// A record id typed or pasted in capitals (`01A24344-EAAB-...`) is the same record as the
/// lower-case id Liaison made: an import row updates it, and a command finds it, rather than a
/// second record with the capitalised id that would sync to every office.
@Suite(.offThePool) struct ImportRecordIDCaseTests {
    @Test func anImportedRowWithTheIDInCapitalsUpdatesTheRecord() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        let id = try recordID(try cli.ok("--data", "m", "record", "add", "--json", "title=Tata Advanced Systems", "type=investment", "tracks=ipef"))
        let file = cli.directory.appendingPathComponent("sheet.csv")
        try "id,title\n\(id.uppercased()),Tata Advanced Systems Hyderabad\n".write(to: file, atomically: true, encoding: .utf8)

        let summary = try cli.ok("--data", "m", "import", file.path, author: "priya")
        #expect(summary.contains("updated 1") && summary.contains("created 0"), "\(summary)")
        let list = try cli.ok("--data", "m", "record", "list", "--format", "csv")
        #expect(list.components(separatedBy: "\r\n").dropLast().count == 2, "one record, no second one with the capitalised id: \(list)")
        #expect(!list.contains(id.uppercased()), "\(list)")

        let shown = try cli.record("m", id.uppercased())
        #expect(shown["id"] as? String == id)
        #expect((shown["fields"] as? [String: Any])?["title"] as? String == "Tata Advanced Systems Hyderabad")
        #expect(try cli.ok("--data", "m", "record", "history", id.uppercased()).contains("priya"))
    }

    /// Two rows whose ids read as one record (the id, and the same in capitals) are refused,
    /// naming both rows: the second row's edit replaced the first's without a word, and two new
    /// records' rows made one.
    @Test func twoRowsOfOneRecordInDifferentCaseAreRefused() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        let id = try recordID(try cli.ok("--data", "m", "record", "add", "--json", "title=Tata Advanced Systems", "type=investment", "tracks=ipef"))
        let fresh = "0193a02b-1bc0-7fd9-8bf6-5d734a3b6f2a"
        for (rows, named) in [
            ("\(id),First edit,investment,ipef\n\(id.uppercased()),Second edit,investment,ipef\n", id),
            ("\(fresh),New A,investment,ipef\n\(fresh.uppercased()),New B,investment,ipef\n", fresh),
        ] {
            let file = cli.directory.appendingPathComponent("sheet.csv")
            try "id,title,type,tracks\n\(rows)".write(to: file, atomically: true, encoding: .utf8)
            let refused = try cli.run(["--data", "m", "import", file.path])
            #expect(refused.code != 0)
            #expect(refused.err.contains("row 3") && refused.err.contains("record \(named) is also on row 2"), "\(refused.err)")
        }
        #expect((try cli.record("m", id)["fields"] as? [String: Any])?["title"] as? String == "Tata Advanced Systems")
        #expect(try cli.run(["--data", "m", "record", "get", fresh]).code != 0, "nothing was imported")
    }

    /// A record an import before 2026.12.04.4 made under an id in capitals, beside the record
    /// with the lower-case id, synced from another office: a command given the id as lists show
    /// it reaches that record, so it can be read and deleted; the lower-case record stays.
    @Test func aRecordStoredUnderAnIDInCapitalsIsReachedByThatID() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (id, stray) = try Self.strayBesideItsRecord(cli)
        #expect(try cli.ok("--data", "m", "record", "list", "--format", "csv").contains(stray))

        let shown = try cli.record("m", stray)
        #expect(shown["id"] as? String == stray)
        #expect((shown["fields"] as? [String: Any])?["title"] as? String == "Tata Advanced Systems (again)")
        #expect(try cli.ok("--data", "m", "record", "delete", stray).hasPrefix("deleted \(stray) "))
        #expect(try cli.record("m", stray)["deleted"] as? Bool == true)
        let kept = try cli.record("m", id)
        #expect(kept["deleted"] as? Bool == false)
        #expect((kept["fields"] as? [String: Any])?["title"] as? String == "Tata Advanced Systems")
    }

    /// The node's own CSV export, a stray record's row edited, imports into that record: the row's
    /// id was read in lower case, and its edit (with the stray's version) landed on the other one.
    @Test func anEditedRowOfARecordStoredUnderAnIDInCapitalsUpdatesThatRecord() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (id, stray) = try Self.strayBesideItsRecord(cli)
        let export = try cli.ok("--data", "m", "record", "list", "--format", "csv")
        let file = cli.directory.appendingPathComponent("sheet.csv")
        try export.replacingOccurrences(of: "Tata Advanced Systems (again)", with: "Tata Advanced Systems (stray)")
            .write(to: file, atomically: true, encoding: .utf8)

        let summary = try cli.ok("--data", "m", "import", file.path, author: "priya")
        #expect(summary.contains("updated 1") && summary.contains("created 0"), "\(summary)")
        #expect((try cli.record("m", stray)["fields"] as? [String: Any])?["title"] as? String == "Tata Advanced Systems (stray)")
        #expect((try cli.record("m", id)["fields"] as? [String: Any])?["title"] as? String == "Tata Advanced Systems")
        #expect((try cli.record("m", id)["conflicts"] as? [String: Any] ?? [:]).isEmpty)
    }

    /// Makes, at Mumbai (`m`), "Tata Advanced Systems" synced from Chennai (`c`) and a stray
    /// record under its id in capitals, "Tata Advanced Systems (again)", as an import before
    /// 2026.12.04.4 made at Chennai and synced. Returns the lower-case id and the stray one.
    static func strayBesideItsRecord(_ cli: CLI) throws -> (id: String, stray: String) {
        for (data, office) in [("c", "chennai"), ("m", "mumbai")] { try cli.ok("--data", data, "init", "--office", office) }
        let id = try recordID(try cli.ok("--data", "c", "record", "add", "--json", "title=Tata Advanced Systems", "type=investment", "tracks=ipef"))
        let bundle = try cli.ok("--data", "c", "export")
        let stray = id.uppercased()
        for text in [bundle, bundle.replacingOccurrences(of: id, with: stray).replacingOccurrences(of: "Systems", with: "Systems (again)")] {
            let file = cli.directory.appendingPathComponent("bundle.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            try cli.ok("--data", "m", "merge", file.path)
        }
        return (id, stray)
    }
}
