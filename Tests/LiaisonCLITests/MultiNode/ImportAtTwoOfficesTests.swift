import Foundation
import TestProcesses
import Testing

/// One spreadsheet, emailed between offices, imported at two real `liaison serve` nodes that sync
/// (docs/design.md §12, "The same file at two offices"): never two records of one row.
@Suite(.serialized, .offThePool) struct ImportAtTwoOfficesTests {
    /// Three deals, as a spreadsheet holds them: no id column, and no office column (each office
    /// that imports it names itself as the records' office).
    static let sheet = """
        Title,Type,Tracks,Status
        Lithium refinery JV,joint_venture,critical_minerals,contacted
        Fab equipment lead,trade_lead,semiconductors,identified
        Testing lab MoU,mou_action_item,sccp,in_discussion

        """

    @Test func aFileImportedAtOneOfficeIsRefusedAtAnotherThatHoldsItsRecords() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        try mumbai.start()
        try chennai.start()
        defer { [mumbai, chennai].forEach { $0.stop() } }
        try mumbai.addPeer(chennai)
        try chennai.addPeer(mumbai)
        let file = root.url.appendingPathComponent("deals.csv")
        try Data(Self.sheet.utf8).write(to: file)
        // Emailed on: saved at Chennai with Windows line ends, under another name.
        let copy = root.url.appendingPathComponent("deals from mumbai.csv")
        try Data(Self.sheet.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: copy)

        let imported = try LiaisonRun.ok(["import", file.path, "--author", "priya"], data: mumbai.directory)
        #expect(imported.contains("created 3 records"), "\(imported)")
        // Synced now rather than by the nodes' schedule, whose backoff a loaded machine stretches.
        _ = try LiaisonRun.ok(["sync"], data: chennai.directory)
        try await eventually("chennai holds mumbai's three records") { try await chennai.records().count == 3 }

        let refused = try LiaisonRun.run(["import", copy.path, "--author", "ravi"], data: chennai.directory)
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("this file was imported already at mumbai by priya, 20")
                && refused.stderr.contains("(this node holds 3 of the 3 records it made); give --again to import it again"),
            "\(refused.stderr)"
        )
        let dryRun = try LiaisonRun.run(["import", copy.path, "--dry-run"], data: chennai.directory)
        #expect(dryRun.status != 0 && dryRun.stderr.contains("imported already at mumbai"), "\(dryRun.stderr)")
        #expect(try await chennai.records() == mumbai.records(), "nothing was written at chennai")

        // A record of the file deleted since: still the file's, and the message says so.
        let deleted = try #require(MeshSyncTests.field("id", in: try await chennai.records()[0]))
        let version = try #require(try await chennai.call("GET", "/v1/records/\(deleted)").headers["etag"])
        #expect(try await chennai.call("DELETE", "/v1/records/\(deleted)", headers: [("If-Match", version)]).status == 200)
        let afterDelete = try LiaisonRun.run(["import", copy.path], data: chennai.directory)
        #expect(afterDelete.stderr.contains("(this node holds 3 of the 3 records it made, 1 of them deleted since)"), "\(afterDelete.stderr)")

        // --again imports it anyway, as new records.
        let again = try LiaisonRun.ok(["import", copy.path, "--again", "--author", "ravi"], data: chennai.directory)
        #expect(again.contains("created 3 records"), "\(again)")
        _ = try LiaisonRun.ok(["sync"], data: chennai.directory)
        try await eventually("both offices hold the two live imports and the deleted record's") {
            let (here, there) = (try await chennai.records(), try await mumbai.records())
            return here.count == 5 && here == there
        }
    }

    @Test func twoOfficesImportingOneFileBeforeTheySyncEndWithOneRecordPerRow() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        try mumbai.start()
        try chennai.start()
        defer { [mumbai, chennai].forEach { $0.stop() } }
        let file = root.url.appendingPathComponent("deals.csv")
        try Data(Self.sheet.utf8).write(to: file)
        #expect(try LiaisonRun.ok(["import", file.path, "--author", "priya"], data: mumbai.directory).contains("created 3 records"))
        #expect(try LiaisonRun.ok(["import", file.path, "--author", "ravi"], data: chennai.directory).contains("created 3 records"))

        try mumbai.addPeer(chennai)
        try chennai.addPeer(mumbai)
        _ = try LiaisonRun.ok(["sync"], data: chennai.directory)
        try await eventually("both offices hold the same records") {
            let (here, there) = (try await chennai.records(), try await mumbai.records())
            return here.count == 3 && there.count == 3 && here == there
        }
        for record in try await mumbai.records() {
            // Both imports wrote the same title, type, tracks and status: settled. Each named its
            // own office: a conflict for a person to settle, not decided silently.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
            let conflicts = try #require(object["conflicts"] as? [String: Any])
            #expect(Set(conflicts.keys) == ["office"], "\(record)")
            let id = try #require(object["id"] as? String)
            let history = try await mumbai.call("GET", "/v1/records/\(id)/history").body
            #expect(history.contains(#""author":"priya""#) && history.contains(#""author":"ravi""#), "\(history)")
        }
        // A third office that synced them refuses the file, naming both imports.
        let kolkata = try ServedNode(office: "kolkata", root: root.url)
        try kolkata.start()
        defer { kolkata.stop() }
        try kolkata.addPeer(mumbai)
        _ = try LiaisonRun.ok(["sync"], data: kolkata.directory)
        try await eventually("kolkata holds the three records") { try await kolkata.records() == mumbai.records() }
        let refused = try LiaisonRun.run(["import", file.path], data: kolkata.directory)
        #expect(refused.status != 0)
        #expect(
            refused.stderr.contains("imported already at ") && refused.stderr.contains(" by priya, 20")
                && refused.stderr.contains(" and at ") && refused.stderr.contains(" by ravi, 20"),
            "\(refused.stderr)"
        )
    }
}
