import Foundation
import TestProcesses
import Testing

/// `record set` and `resolve` with the values a record already has write nothing, and say so on
/// stderr (docs/design.md §4, "A write that changes nothing").
@Suite("CLI: writes that change nothing", .offThePool)
struct NoChangeWriteTests {
    @Test("record set and resolve of the values held print the record as it was, with a note, and write nothing")
    func sameValues() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        let made = try cli.ok(
            "--data",
            "mumbai",
            "record",
            "add",
            "--json",
            "type=investment",
            "title=Lithium JV",
            "tracks=critical_minerals",
            "status=contacted"
        )
        let id = try recordID(made)
        let version = try #require(try cli.record("mumbai", id)["version"] as? String)

        let set = try cli.run(["--data", "mumbai", "record", "set", "--version", version, id, "title=Lithium JV", "status=contacted", "notes="])
        #expect(set.code == 0, "\(set.err)")
        #expect(set.err == "record \(id): nothing changed (every field already had that value)\n")
        #expect(set.out.contains(version), "\(set.out)")
        let resolve = try cli.run(["--data", "mumbai", "resolve", id, "status=contacted"])
        #expect(resolve.code == 0, "\(resolve.err)")
        #expect(resolve.err == "record \(id): nothing changed (every field was already settled at that value)\n")
        #expect(try cli.record("mumbai", id)["version"] as? String == version)
        let history = try cli.ok("--data", "mumbai", "record", "history", "--json", id)
        #expect((try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [Any])?.count == 1)

        let changed = try cli.run(["--data", "mumbai", "record", "set", id, "title=Lithium JV", "status=on_hold"])
        #expect(changed.code == 0 && changed.err.isEmpty, "\(changed.err)")
        #expect(try cli.record("mumbai", id)["version"] as? String != version)
    }
}
