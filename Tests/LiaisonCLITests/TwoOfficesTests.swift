import Foundation
import TestProcesses
import Testing

/// End to end, through the built binary: two offices, export/merge both ways, conflicts and
/// their resolution, as the README shows.
@Suite("CLI: two offices", .offThePool)
struct TwoOfficesTests {
    @Test("the same field edited at both offices is a conflict on both, resolved at one, settled on both")
    func conflictAndResolution() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let mumbaiReplica = try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        let chennaiReplica = try cli.ok("--data", "chennai", "init", "--office", "chennai")
        #expect(mumbaiReplica.hasPrefix("mumbai.") && chennaiReplica.hasPrefix("chennai."))
        let id = try recordID(
            try cli.ok(
                "--data",
                "mumbai",
                "record",
                "add",
                "--json",
                "type=joint_venture",
                "title=Lithium refining JV",
                "tracks=critical_minerals",
                "value_usd=2500000",
                "status=contacted"
            )
        )
        #expect(try cli.send(from: "mumbai", to: "chennai") == "merged 1, changed 1, conflicts 0\n")
        #expect(try cli.send(from: "mumbai", to: "chennai") == "merged 1, changed 0, conflicts 0\n")

        try cli.ok("--data", "mumbai", "record", "set", id, "status=in_discussion", author: "ravi")
        try cli.ok("--data", "chennai", "record", "set", id, "status=mou_signed", "value_usd=3000000", author: "priya")
        #expect(try cli.send(from: "mumbai", to: "chennai") == "merged 1, changed 1, conflicts 1\n")
        #expect(try cli.send(from: "chennai", to: "mumbai") == "merged 1, changed 1, conflicts 1\n")

        let atMumbai = try cli.ok("--data", "mumbai", "record", "get", "--json", id)
        let atChennai = try cli.ok("--data", "chennai", "record", "get", "--json", id)
        #expect(atMumbai == atChennai, "both nodes print the same bytes")
        let record = try cli.record("mumbai", id)
        let conflicts = try #require(record["conflicts"] as? [String: [[String: Any]]])
        #expect(Array(conflicts.keys) == ["status"])
        let values = Set(conflicts["status"]!.compactMap { $0["value"] as? String })
        #expect(values == ["in_discussion", "mou_signed"])
        #expect(Set(conflicts["status"]!.compactMap { $0["author"] as? String }) == ["ravi", "priya"])
        #expect((record["fields"] as? [String: Any])?["value_usd"] as? Double == 3_000_000, "other fields merge cleanly")

        let human = try cli.ok("--data", "chennai", "record", "get", id)
        #expect(human.contains("CONFLICT"))
        #expect(human.contains("in_discussion") && human.contains("mou_signed"))
        #expect(human.contains("ravi") && human.contains("priya"))
        let conflicted = try cli.ok("--data", "mumbai", "record", "list", "--conflicted")
        #expect(conflicted.contains(id))

        // Resolving against a version the record has moved past (another save since) is refused.
        let shown = try #require(try cli.record("chennai", id)["version"] as? String)
        try cli.ok("--data", "chennai", "record", "set", "--version", shown, id, "status=closed_lost", author: "ravi")
        #expect(
            try cli.fails("--data", "chennai", "resolve", "--version", shown, id, "status=mou_signed").contains(
                "changed since the version you read"
            )
        )
        #expect(try cli.ok("--data", "chennai", "record", "get", id).contains("closed_lost"))
        let current = try #require(try cli.record("chennai", id)["version"] as? String)
        let resolved = try cli.ok(
            "--data",
            "chennai",
            "resolve",
            "--json",
            "--version",
            current,
            id,
            "status=mou_signed",
            author: "priya"
        )
        #expect(resolved.contains(#""conflicts":{}"#))
        #expect(try cli.send(from: "chennai", to: "mumbai") == "merged 1, changed 1, conflicts 0\n")
        let settledMumbai = try cli.ok("--data", "mumbai", "record", "get", "--json", id)
        #expect(settledMumbai == (try cli.ok("--data", "chennai", "record", "get", "--json", id)))
        #expect(settledMumbai.contains(#""conflicts":{}"#) && settledMumbai.contains(#""status":"mou_signed""#))
        #expect(try cli.ok("--data", "mumbai", "record", "list", "--conflicted") == "no records\n")
        #expect(try cli.send(from: "mumbai", to: "chennai") == "merged 1, changed 0, conflicts 0\n")
    }

    @Test("an edit concurrent with a delete is a conflict on deleted, shown, and settles as deleted")
    func editVersusDelete() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        try cli.ok("--data", "chennai", "init", "--office", "chennai")
        let id = try recordID(
            try cli.ok(
                "--data",
                "mumbai",
                "record",
                "add",
                "--json",
                "type=event",
                "title=Semicon roadshow",
                "tracks=semiconductors"
            )
        )
        try cli.send(from: "mumbai", to: "chennai")
        try cli.ok("--data", "mumbai", "record", "delete", id)
        try cli.ok("--data", "chennai", "record", "set", id, "notes=Still on: venue booked")
        try cli.send(from: "mumbai", to: "chennai")
        try cli.send(from: "chennai", to: "mumbai")
        for node in ["mumbai", "chennai"] {
            let record = try cli.record(node, id)
            let conflicts = try #require(record["conflicts"] as? [String: [[String: Any]]])
            #expect(Set(conflicts["deleted"]?.compactMap { $0["value"] as? Bool } ?? []) == [true, false])
            #expect(try cli.ok("--data", node, "record", "list", "--conflicted").contains(id))
        }
        #expect(try cli.ok("--data", "mumbai", "record", "get", id).contains("deleted"))
        try cli.ok("--data", "mumbai", "resolve", id, "deleted=true")
        try cli.send(from: "mumbai", to: "chennai")
        for node in ["mumbai", "chennai"] {
            #expect(try cli.ok("--data", node, "record", "list", "--deleted").contains(id))
            #expect(!(try cli.ok("--data", node, "record", "list").contains(id)))
            let json = try cli.ok("--data", node, "record", "list", "--deleted", "--json")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(list.count == 1 && list[0]["deleted"] as? Bool == true)
        }
        #expect(
            try cli.ok("--data", "mumbai", "record", "get", "--json", id)
                == (try cli.ok("--data", "chennai", "record", "get", "--json", id))
        )
        // Restoring is a resolution too.
        let restored = try cli.ok("--data", "chennai", "resolve", "--json", id, "status=on_hold")
        #expect(restored.contains(#""deleted":false"#))
    }

    @Test(
        "an edit made after seeing a delete conflict leaves it open at both offices, where a delete is refused; a deleted record is not deleted again"
    )
    func editAfterSeeingADeleteConflict() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "m", "init", "--office", "mumbai")
        try cli.ok("--data", "c", "init", "--office", "chennai")
        let id = try recordID(try cli.ok("--data", "m", "record", "add", "--json", "type=trade_lead", "tracks=sccp", "title=T"))
        try cli.send(from: "m", to: "c")
        try cli.ok("--data", "m", "record", "delete", id, author: "ravi")
        try cli.ok("--data", "c", "record", "set", id, "notes=edited", author: "priya")
        #expect(try cli.send(from: "m", to: "c") == "merged 1, changed 1, conflicts 1\n")
        // Seen the conflict, Sam changes the status: saved, and the conflict stays.
        try cli.ok("--data", "c", "record", "set", id, "status=contacted", author: "sam")
        #expect(try cli.send(from: "c", to: "m") == "merged 1, changed 1, conflicts 1\n")
        for node in ["m", "c"] {
            let record = try cli.record(node, id)
            let conflicts = try #require(record["conflicts"] as? [String: [[String: Any]]])
            #expect(Set(conflicts.keys) == ["deleted"], "\(node)")
            #expect((record["fields"] as? [String: Any])?["status"] as? String == "contacted", "\(node)")
            #expect(try cli.ok("--data", node, "record", "get", id).contains("CONFLICT"), "\(node)")
        }
        let latest = try cli.ok("--data", "c", "record", "history", id).components(separatedBy: "\n\n")[0]
        #expect(latest.contains("  sam  ") && latest.contains("status: identified → contacted"), "\(latest)")
        #expect(!latest.contains("resolution") && !latest.contains("deleted"), "\(latest)")
        // Deleting again would settle the conflict as deleted, the edit unseen: refused, nothing written.
        let open = try #require(try cli.record("m", id)["version"] as? String)
        let overruled = try cli.fails("--data", "m", "record", "delete", "--author", "ravi", id)
        #expect(overruled.hasPrefix("error: record \(id) was deleted at one office and edited at another"), "\(overruled)")
        #expect(overruled.contains("`liaison resolve \(id) deleted=true` to keep it deleted"), "\(overruled)")
        #expect(try cli.record("m", id)["version"] as? String == open)
        #expect(!(try cli.ok("--data", "m", "record", "history", id).contains("resolution")))

        try cli.ok("--data", "m", "resolve", id, "deleted=true")
        try cli.send(from: "m", to: "c")
        let version = try #require(try cli.record("c", id)["version"] as? String)
        let refused = try cli.fails("--data", "c", "record", "delete", id)
        #expect(refused == "error: record \(id) is already deleted, so nothing was changed; use resolve to restore it\n")
        #expect(try cli.record("c", id)["version"] as? String == version)
        #expect(try cli.fails("--data", "c", "record", "set", "--version", version, id, "notes=x").contains("is deleted"))
    }

    @Test("a stale --version at one node keeps the unseen write as a conflict")
    func staleVersion() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        let added = try cli.ok("--data", "mumbai", "record", "add", "--json", "type=trade_lead", "title=Lead", "tracks=ipef")
        let id = try recordID(added)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(added.utf8)) as? [String: Any])
        let version = try #require(object["version"] as? String)
        try cli.ok("--data", "mumbai", "record", "set", "--version", version, id, "officer=Asha", author: "asha")
        let second = try cli.ok("--data", "mumbai", "record", "set", "--json", "--version", version, id, "officer=Ravi")
        #expect(second.contains(#""officer":[{"#))
    }
}
