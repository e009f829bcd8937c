import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Sync routes: pushed batches and the changes feed")
struct SyncRoutesTests {
    /// A record made at another node (Chennai), as the canonical JSON of its state, and that node's replica id.
    static func foreignState() async throws -> (replica: String, id: String, json: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-peer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let identity = try LiaisonStore.initialise(directory: directory, office: "chennai")
        let store = try LiaisonStore(directory: directory, schema: .core)
        let state = try await store.create(
            ["title": .text("Wafer fab supply"), "type": .text("investment"), "tracks": .list(["semiconductors"])],
            author: "ravi"
        )
        return (identity.replicaID, state.id, state.canonicalJSON)
    }

    static func batch(_ replica: String, _ states: [String]) -> String {
        #"{"replica_id":"\#(replica)","states":[\#(states.joined(separator: ","))]}"#
    }

    @Test func aGoodBatchMergesAndIsAcknowledged() async throws {
        let (replica, id, json) = try await Self.foreignState()
        try await withNode { node in
            let peer = node.token(.peer)
            let pushed = try await node.send("POST", "/v1/sync/changes", token: peer, json: Self.batch(replica, [json]))
            #expect(pushed.status == 200, "\(pushed.text)")
            #expect(pushed.object["merged"] as? Int == 1)
            #expect(pushed.object["changed"] as? Int == 1)
            #expect(pushed.object["sequence"] as? Int == 1)
            let record = try await node.send("GET", "/v1/records/\(id)", token: node.token(.reader))
            #expect((record.object["fields"] as? [String: Any])?["title"] as? String == "Wafer fab supply")

            // The same batch again changes nothing and takes no sequence.
            let again = try await node.send("POST", "/v1/sync/changes", token: peer, json: Self.batch(replica, [json]))
            #expect(again.object["changed"] as? Int == 0)
            #expect(try await node.store.currentSequence() == 1)

            // The changes feed holds it; asked for by its sender, it is skipped but the sequence moves.
            let feed = try await node.send("GET", "/v1/sync/changes?since=0&limit=10", token: peer)
            #expect(feed.status == 200)
            #expect((feed.object["states"] as? [Any])?.count == 1)
            #expect(feed.object["last_sequence"] as? Int == 1)
            #expect(feed.object["more"] as? Bool == false)
            let forSender = try await node.send("GET", "/v1/sync/changes?since=0&for=\(replica)", token: peer)
            #expect((forSender.object["states"] as? [Any])?.count == 0)
            #expect(forSender.object["last_sequence"] as? Int == 1)

            let nodeInfo = try await node.send("GET", "/v1/node", token: peer)
            #expect(nodeInfo.object["replica_id"] as? String == node.store.identity.replicaID)
            #expect(nodeInfo.object["office"] as? String == "mumbai")
            #expect(nodeInfo.object["protocol"] as? Int == 2)
            #expect(nodeInfo.object["sequence"] as? Int == 1)
        }
    }

    @Test func batchesThatAreNotWellFormedAreRefusedWholeAndChangeNothing() async throws {
        let (replica, _, _) = try await Self.foreignState()
        let (_, _, other) = try await Self.foreignState()
        try await withNode { node in
            let editor = node.token(.editor)
            _ = try await node.send(
                "POST",
                "/v1/records",
                token: editor,
                json: #"{"title":"Local","type":"event","tracks":["sccp"]}"#
            )
            let before = try await node.store.currentSequence()
            let cases: [(String, String, String)] = [
                ("bad JSON", #"{"replica_id": "#, "bad batch"),
                ("a state cut short", Self.batch(replica, [other, #"{"context":{"#]), "malformed JSON"),
                ("no sender", #"{"states":[]}"#, "replica_id"),
                ("unknown batch key", Self.batch(replica, [other]).replacingOccurrences(of: "\"states\"", with: "\"statez\""), "states"),
            ]
            for (label, body, problem) in cases {
                let reply = try await node.send("POST", "/v1/sync/changes", token: node.token(.peer), json: body)
                #expect(reply.status == 400, "\(label): \(reply.text)")
                #expect(reply.error.contains(problem), "\(label): \(reply.error)")
                #expect(try await node.store.currentSequence() == before, "\(label)")
            }
            #expect(try await node.store.quarantinedCount() == 0)
            let badQuery = try await node.send("GET", "/v1/sync/changes?since=abc", token: node.token(.peer))
            #expect(badQuery.status == 400)
        }
    }

    @Test func aBadStateInAPushIsQuarantinedAndTheRestMerges() async throws {
        let (replica, id, json) = try await Self.foreignState()
        let (_, otherID, other) = try await Self.foreignState()
        try await withNode { node in
            let hostile = [
                json.replacingOccurrences(of: "\"n\":1", with: "\"n\":2"),
                other.replacingOccurrences(of: "\"title\":", with: "\"colour\":\"red\",\"title\":"),
                json.replacingOccurrences(of: "{\"\(replica)\":1}", with: "{\"\(replica)\":1,\"evil.x\":18446744073709551615}"),
            ]
            let good = try await Self.foreignState()
            let reply = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                json: Self.batch(replica, hostile + [good.json])
            )
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.object["merged"] as? Int == 1)
            let quarantined = try #require(reply.object["quarantined"] as? [[String: Any]])
            #expect(quarantined.map { $0["id"] as? String ?? "" } == [id, otherID, id])
            let problems = quarantined.compactMap { $0["problem"] as? String }
            #expect(
                problems[0].contains("not in the state's context") && problems[1].contains("colour")
                    && problems[2].contains("over the limit"),
                "\(problems)"
            )
            #expect(try await node.store.state(id: id) == nil)
            #expect(try await node.store.state(id: good.id) != nil)

            // The admin sees them, with where they came from; readers and peers do not.
            let list = try await node.send("GET", "/v1/quarantine", token: node.token(.admin))
            let entries = try #require(list.object["quarantined"] as? [[String: Any]])
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { ($0["source"] as? String)?.hasPrefix("push from \(replica)") == true })
            #expect(try await node.send("GET", "/v1/quarantine", token: node.token(.reader)).status == 403)
            let status = try await node.send("GET", "/v1/status", token: node.token(.reader))
            #expect(status.object["quarantined"] as? Int == 3)
            let metrics = try await node.send("GET", "/metrics", token: node.token(.reader))
            #expect(metrics.text.contains("liaison_quarantined_states_total 3"), "\(metrics.text.prefix(200))")
            let first = try #require(entries.first?["id"] as? Int)
            #expect(try await node.send("DELETE", "/v1/quarantine/\(first)", token: node.token(.admin)).status == 204)
            #expect(try await node.send("DELETE", "/v1/quarantine/\(first)", token: node.token(.admin)).status == 404)
            let past = try await node.send("DELETE", "/v1/quarantine/99999999999999999999999", token: node.token(.admin))
            #expect(past.status == 404 && past.error == "no quarantined state 99999999999999999999999", "\(past.text)")
            #expect(try await node.send("DELETE", "/v1/quarantine/abc", token: node.token(.admin)).status == 400)
            let dropped = try await node.send("DELETE", "/v1/quarantine", token: node.token(.admin))
            #expect(dropped.object["dropped"] as? Int == 2)

            // The record the hostile state named still arrives when a good state of it comes.
            let later = try await node.send("POST", "/v1/sync/changes", token: node.token(.peer), json: Self.batch(replica, [json]))
            #expect(later.object["changed"] as? Int == 1)
            #expect((later.object["quarantined"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func bodiesOver16MiBAre413() async throws {
        try await withNode { node in
            let big = [UInt8](repeating: UInt8(ascii: " "), count: 17 << 20)
            for (method, path, role) in [
                ("POST", "/v1/sync/changes", TokenRole.peer), ("POST", "/v1/records", .editor),
                ("POST", "/v1/records", nil),
            ] {
                let reply = try await node.send(method, path, token: role.map { node.token($0) }, body: big)
                #expect(reply.status == 413, "\(method) \(path)")
                #expect(reply.error.contains("16 MiB"))
            }
            #expect(try await node.store.currentSequence() == 0)
        }
    }

    @Test func statusCountsRecordsConflictsAndPeers() async throws {
        try await withNode { node in
            let editor = node.token(.editor)
            var etags: [String] = []
            var ids: [String] = []
            for index in 1...3 {
                let created = try await node.send(
                    "POST",
                    "/v1/records",
                    token: editor,
                    json: #"{"title":"R\#(index)","type":"event","tracks":["sccp"]}"#
                )
                etags.append(try #require(created.header("etag")))
                ids.append(try #require(created.object["id"] as? String))
            }
            for status in ["contacted", "on_hold"] {
                _ = try await node.send(
                    "PATCH",
                    "/v1/records/\(ids[0])",
                    token: editor,
                    json: #"{"status":"\#(status)"}"#,
                    headers: [("If-Match", etags[0])]
                )
            }
            _ = try await node.send("DELETE", "/v1/records/\(ids[2])", token: editor, headers: [("If-Match", etags[2])])
            try await node.store.addPeer(PeerRecord(name: "chennai", url: "http://127.0.0.1:9", tokenFile: "/dev/null"), now: 0)

            let status = try await node.send("GET", "/v1/status", token: node.token(.reader))
            #expect(status.status == 200)
            #expect(status.object["records"] as? Int == 2)
            #expect(status.object["conflicts"] as? Int == 1)
            let about = try #require(status.object["node"] as? [String: Any])
            #expect(about["replica_id"] as? String == node.store.identity.replicaID)
            #expect(about["sequence"] as? Int == 6)
            let peers = try #require(status.object["peers"] as? [[String: Any]])
            #expect(peers.count == 1)
            #expect(peers.first?["name"] as? String == "chennai")
            #expect(peers.first?.keys.sorted() == ["behind", "last_error", "last_error_at", "last_success", "name", "replica_id", "url"])

            // Sync now with a dead peer: reported, and recorded in its status.
            let sync = try await node.send("POST", "/v1/sync", token: node.token(.admin))
            #expect(sync.status == 200)
            let result = try #require((sync.object["results"] as? [[String: Any]])?.first)
            #expect(result["ok"] as? Bool == false)
            let listed = try await node.send("GET", "/v1/peers", token: node.token(.admin))
            let peer = try #require((listed.object["peers"] as? [[String: Any]])?.first)
            #expect(peer["last_error"] is String)
            #expect((peer["last_error_at"] as? String)?.hasSuffix("Z") == true)
        }
    }

    @Test func syncNowTakesNoBodyOrAnEmptyObjectAndRefusesAnyOther() async throws {
        try await withNode { node in
            try await node.store.addPeer(PeerRecord(name: "chennai", url: "http://127.0.0.1:9", tokenFile: "/dev/null"), now: 0)
            let admin = node.token(.admin)
            for (body, problem) in [
                (#"{"peer":"chennai"}"#, #"unknown member "peer""#),
                (#"{"peers":["chennai"],"dry_run":true}"#, #"unknown member "dry_run", "peers""#),
                (#"{"peer":"#, "not valid JSON"), ("[]", "JSON object"), (#""chennai""#, "JSON object"),
            ] {
                let reply = try await node.send("POST", "/v1/sync", token: admin, json: body)
                #expect(reply.status == 400, "\(body): \(reply.text)")
                #expect(reply.error.contains(problem), "\(body): \(reply.text)")
            }
            // Nothing synced: the peer has no attempt recorded.
            let listed = try await node.send("GET", "/v1/peers", token: admin)
            #expect((listed.object["peers"] as? [[String: Any]])?.first?["last_error"] is NSNull, "\(listed.text)")

            for body in [nil, "{}"] {
                let sync = try await node.send("POST", "/v1/sync", token: admin, body: body.map { Array($0.utf8) })
                #expect(sync.status == 200, "\(body ?? "no body"): \(sync.text)")
                #expect((sync.object["results"] as? [[String: Any]])?.count == 1)
            }
        }
    }
}
