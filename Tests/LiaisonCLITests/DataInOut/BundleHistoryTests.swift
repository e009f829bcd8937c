import Foundation
import TestProcesses
import Testing

/// What `record history` shows after bundles are merged (docs/design.md §10): the writes as they
/// were made, whatever a bundle claims.
@Suite(.offThePool) struct BundleHistoryTests {
    /// A bundle whose first event was changed to another author, time and title, its state left
    /// alone, is quarantined naming the dot and the field; the history still shows the real
    /// write, also at a node that held only reconstructed events, whose later edits still merge
    /// everywhere.
    @Test func aForgedEventIsQuarantinedAndTheHistoryStaysTrue() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        try cli.ok("--data", "chennai", "init", "--office", "chennai")
        let id = try recordID(try cli.ok("--data", "mumbai", "record", "add", "--json", "type=event", "title=Real", "tracks=sccp"))
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("--data", "mumbai", "export").utf8)) as? [String: Any])
        // Chennai holds the record with events reconstructed from its state (a bundle without events).
        var stateOnly = bundle
        stateOnly["events"] = [Any]()
        try cli.ok("--data", "chennai", "merge", "-", stdin: try JSONSerialization.data(withJSONObject: stateOnly))
        #expect(try cli.ok("--data", "chennai", "record", "history", id).contains("[reconstructed]"))

        var events = try #require(bundle["events"] as? [[String: Any]])
        let dot = "\(try #require(events[0]["replica"] as? String)):\(try #require(events[0]["n"] as? Int))"
        events[0]["author"] = "forger"
        events[0]["at"] = try #require(events[0]["at"] as? Int) - 30 * 86_400_000
        var fields = try #require(events[0]["fields"] as? [String: Any])
        fields["title"] = "Forged"
        events[0]["fields"] = fields
        var forged = bundle
        forged["events"] = events
        let forgedJSON = try JSONSerialization.data(withJSONObject: forged)

        for node in ["mumbai", "chennai"] {
            let merged = try cli.run(["--data", node, "merge", "-"], stdin: forgedJSON)
            #expect(merged.code == 1)
            #expect(
                merged.err.contains(
                    "quarantined record \(id): event \(dot) disagrees with the state's write under that dot on title, who wrote it and when"
                ),
                "\(merged.err)"
            )
            let history = try cli.ok("--data", node, "record", "history", id)
            #expect(!history.contains("forger") && !history.contains("Forged"), "\(history)")
            #expect(history.contains("Real"))
        }

        // Chennai's own edit still reaches Mumbai, and the real event reaches Chennai.
        try cli.ok("--data", "chennai", "record", "set", id, "title=Later")
        #expect(try cli.send(from: "chennai", to: "mumbai") == "merged 1, changed 1, conflicts 0\n")
        #expect(try cli.send(from: "mumbai", to: "chennai").hasPrefix("merged 1, changed "))
        for node in ["mumbai", "chennai"] {
            let history = try cli.ok("--data", node, "record", "history", id)
            #expect(history.contains("title: Real → Later") && !history.contains("[reconstructed]"), "\(history)")
        }
    }

    /// A bundle of the writes since a sequence, merged into a node that lacks the earlier ones,
    /// still shows every live value in the history: the earlier write that made them as a
    /// reconstructed entry, until its real event comes.
    @Test func anIncrementalBundleLeavesNoLiveValueOutOfTheHistory() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "mumbai", "init", "--office", "mumbai")
        try cli.ok("--data", "chennai", "init", "--office", "chennai")
        let id = try recordID(try cli.ok("--data", "mumbai", "record", "add", "--json", "type=event", "title=One", "tracks=sccp"))
        try cli.ok("--data", "mumbai", "record", "set", id, "title=Two")
        let since = try cli.ok("--data", "mumbai", "export", "--since", "1")
        #expect(try cli.ok("--data", "chennai", "merge", "-", stdin: Data(since.utf8)) == "merged 1, changed 1, conflicts 0\n")

        let history = try cli.ok("--data", "chennai", "record", "history", id)
        let entries = history.components(separatedBy: "\n\n")
        #expect(entries.count == 2, "\(history)")
        #expect(entries.first?.contains("title: Two") == true, "\(history)")
        #expect(entries.last?.contains("[reconstructed]") == true && entries.last?.contains("type: event") == true, "\(history)")

        // The whole bundle brings the real first write in its place.
        try cli.send(from: "mumbai", to: "chennai")
        let whole = try cli.ok("--data", "chennai", "record", "history", id)
        #expect(!whole.contains("[reconstructed]") && whole.contains("title: One → Two"), "\(whole)")
        #expect(whole == (try cli.ok("--data", "mumbai", "record", "history", id)))
    }
}
