import Foundation
import LiaisonStore
import Testing

@Suite("Two real nodes syncing through their HTTP APIs")
struct NodeSyncTests {
    /// Registers `peer` at `node` under `name`, with a token file holding `peer`'s peer token.
    static func connect(_ node: TestNode, to peer: TestNode, as name: String) async throws {
        let file = node.directory.appendingPathComponent("\(name).token")
        try (peer.token(.peer) + "\n").write(to: file, atomically: true, encoding: .utf8)
        try await node.store.addPeer(PeerRecord(name: name, url: peer.base, tokenFile: file.path), now: 0)
    }

    static func titles(_ node: TestNode) async throws -> Set<String> {
        let reply = try await node.send("GET", "/v1/records?limit=500", token: node.token(.reader))
        return Set((reply.object["records"] as? [[String: Any]] ?? []).compactMap { ($0["fields"] as? [String: Any])?["title"] as? String })
    }

    @Test func syncNowPullsAndPushes() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                try await Self.connect(mumbai, to: chennai, as: "chennai")
                for (node, title) in [(mumbai, "From Mumbai"), (chennai, "From Chennai")] {
                    let reply = try await node.send(
                        "POST",
                        "/v1/records",
                        token: node.token(.editor),
                        json: #"{"title":"\#(title)","type":"event","tracks":["sccp"]}"#
                    )
                    #expect(reply.status == 201)
                }
                let sync = try await mumbai.send("POST", "/v1/sync", token: mumbai.token(.admin))
                let result = try #require((sync.object["results"] as? [[String: Any]])?.first)
                #expect(result["ok"] as? Bool == true, "\(sync.text)")
                #expect(result["replica_id"] as? String == chennai.store.identity.replicaID)
                #expect(try await Self.titles(mumbai) == ["From Mumbai", "From Chennai"])
                #expect(try await Self.titles(chennai) == ["From Mumbai", "From Chennai"])

                let status = try await mumbai.send("GET", "/v1/status", token: mumbai.token(.reader))
                let peer = try #require((status.object["peers"] as? [[String: Any]])?.first)
                #expect(peer["replica_id"] as? String == chennai.store.identity.replicaID)
                #expect(peer["last_success"] is String)
                #expect(peer["last_error"] is NSNull)
                #expect(peer["behind"] as? Int == 0)
            }
        }
    }

    @Test func periodicSyncConverges() async throws {
        try await withNode(office: "kolkata") { chennai in
            try await withNode(office: "hyderabad", syncInterval: 1) { mumbai in
                try await Self.connect(mumbai, to: chennai, as: "kolkata")
                let reply = try await chennai.send(
                    "POST",
                    "/v1/records",
                    token: chennai.token(.editor),
                    json: #"{"title":"Travels alone","type":"event","tracks":["ipef"]}"#
                )
                #expect(reply.status == 201)
                let deadline = Date().addingTimeInterval(15)
                while try await Self.titles(mumbai).isEmpty, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(try await Self.titles(mumbai) == ["Travels alone"])
            }
        }
    }
}
