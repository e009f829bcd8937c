import Foundation
import TestProcesses
import Testing

/// A real node pulling from a peer whose changes feed carries a hostile state among good ones
/// (as a peer running an older build, before the intake, could have stored and passed on).
@Suite("Sync with a peer that sends a hostile state", .serialized, .offThePool)
struct QuarantineSyncTests {
    @Test func theGoodStatesMergeTheBadOneIsQuarantinedAndLaterRecordsStillArrive() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let chennai = try ServedNode(office: "chennai", root: root.url)
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        try chennai.start()
        defer { chennai.stop() }
        for title in ["Graphite anode plant", "Wafer fab supply"] {
            let (status, _, _) = try await chennai.call(
                "POST",
                "/v1/records",
                json: #"{"title":"\#(title)","type":"investment","tracks":["sccp"]}"#
            )
            #expect(status == 201)
        }
        // The hostile state: a copy of a good record whose context names a counter of 2^64-1,
        // written straight into Chennai's store as an older build would have kept it.
        let hostileID = "0190f3a2-7c1e-7000-8000-00000000beef"
        try Self.plantHostileState(id: hostileID, in: chennai.directory)

        _ = try LiaisonRun.ok(
            ["peer", "add", "chennai", chennai.url, "--token-file", chennai.peerTokenFile.path],
            data: mumbai.directory
        )
        let first = try LiaisonRun.run(["sync"], data: mumbai.directory)
        #expect(first.status == 1, "a sync that quarantined states exits non-zero")
        #expect(first.stdout.contains("chennai: pulled 2") && first.stdout.contains("quarantined 1"), "\(first.stdout)")
        #expect(first.stderr.contains("chennai sent 1 states that were quarantined here"), "\(first.stderr)")
        #expect(first.stderr.contains("quarantined record \(hostileID): context counter 18446744073709551615"), "\(first.stderr)")
        let here = mumbai.directory.standardizedFileURL.path
        #expect(
            first.stderr.contains("the rest merged; list every state quarantined here with `liaison quarantine list --data \(here)`"),
            "\(first.stderr)"
        )

        let listed = try LiaisonRun.ok(["quarantine", "list", "--json"], data: mumbai.directory)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["record_id"] as? String == hostileID)
        #expect((entries.first?["source"] as? String)?.hasPrefix("peer chennai (chennai.") == true)
        #expect(try LiaisonRun.run(["record", "get", hostileID], data: mumbai.directory).status != 0, "never stored")
        let records = try LiaisonRun.ok(["record", "list", "--json"], data: mumbai.directory)
        #expect(records.contains("Graphite anode plant") && records.contains("Wafer fab supply"))
        let status = try LiaisonRun.ok(["status"], data: mumbai.directory)
        #expect(status.contains("quarantined 1"), "\(status)")

        // Replication with Chennai carries on for every other record.
        _ = try await chennai.call("POST", "/v1/records", json: #"{"title":"Later record","type":"event","tracks":["sccp"]}"#)
        let second = try LiaisonRun.run(["sync"], data: mumbai.directory)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try LiaisonRun.ok(["record", "list", "--json"], data: mumbai.directory).contains("Later record"))

        // A hostile state this node holds is quarantined by Chennai when pushed: listed there, not here.
        let pushedID = "0190f3a2-7c1e-7000-8000-00000000cafe"
        try Self.plantHostileState(id: pushedID, in: mumbai.directory)
        let third = try LiaisonRun.run(["sync"], data: mumbai.directory)
        #expect(third.status == 1)
        #expect(third.stderr.contains("chennai quarantined 1 states this node sent"), "\(third.stderr)")
        #expect(third.stderr.contains("quarantined record \(pushedID): context counter"), "\(third.stderr)")
        #expect(
            third.stderr.contains(
                "the rest merged there; chennai lists every state it quarantined with `liaison quarantine list` on its node, or `GET \(chennai.url)/v1/quarantine` with an admin token of it"
            ),
            "\(third.stderr)"
        )
        #expect(!third.stderr.contains("quarantined here"), "\(third.stderr)")
    }

    /// Copies a record row of the store in `directory` under `id`, with a state whose context
    /// holds the largest 64-bit counter, at the store's next sequence.
    static func plantHostileState(id: String, in directory: URL) throws {
        let script = """
            import sqlite3, sys, json
            db = sqlite3.connect(sys.argv[1]); hostile_id = sys.argv[2]
            row_id, state = db.execute("SELECT id, state FROM record ORDER BY seq LIMIT 1").fetchone()
            state = json.loads(state); state["id"] = hostile_id
            state["context"]["evil.replica"] = 18446744073709551615
            seq = db.execute("SELECT sequence FROM node").fetchone()[0] + 1
            db.execute("INSERT INTO record (id, seq, state, type, title, office, status, tracks, value_usd, updated_at, "
                       "deleted, conflicted, search, source, display) SELECT ?, ?, ?, type, title, office, status, tracks, "
                       "value_usd, updated_at, deleted, conflicted, search, NULL, display FROM record WHERE id = ?",
                       (hostile_id, seq, json.dumps(state, separators=(",", ":")), row_id))
            db.execute("UPDATE node SET sequence = ?", (seq,)); db.commit()
            """
        let store = directory.appendingPathComponent("liaison.sqlite").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script, store, id])
        guard run.termination == .exited(0) else {
            throw NodeFailure("could not plant the hostile state: \(String(decoding: run.error, as: UTF8.self))")
        }
    }
}
