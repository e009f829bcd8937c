import Foundation
import LiaisonStore
import Testing

/// The write log travels with the states between real nodes over HTTP (docs/design.md §10).
@Suite("History across real nodes")
struct NodeHistoryTests {
    /// `node` pulls from and pushes to `peer` now.
    static func sync(_ node: TestNode, with peer: TestNode, as name: String) async throws {
        try await NodeSyncTests.connect(node, to: peer, as: name)
        let sync = try await node.send("POST", "/v1/sync", token: node.token(.admin))
        #expect((sync.object["results"] as? [[String: Any]])?.allSatisfy { $0["ok"] as? Bool == true } == true, "\(sync.text)")
    }

    static func history(_ node: TestNode, _ id: String) async throws -> [[String: Any]] {
        let reply = try await node.send("GET", "/v1/records/\(id)/history", token: node.token(.reader))
        #expect(reply.status == 200, "\(reply.text)")
        return reply.object["history"] as? [[String: Any]] ?? []
    }

    static func superseded(_ event: [String: Any]) -> [String] {
        ((event["superseded"] as? [String: Any])?["status"] as? [Any] ?? []).compactMap { $0 as? String }
    }

    static func status(_ event: [String: Any]) -> String? { (event["fields"] as? [String: Any])?["status"] as? String }

    static func set(_ node: TestNode, _ id: String, status: String) async throws {
        let reply = try await node.send(
            "PATCH",
            "/v1/records/\(id)",
            token: node.token(.editor),
            json: #"{"status":"\#(status)"}"#,
            headers: [("If-Match", "*")]
        )
        #expect(reply.status == 200, "\(reply.text)")
    }

    /// A long history pages by `next`: every entry once, newest first, the same as one page;
    /// a cursor that names no write of the record, or is no cursor, is refused naming it.
    @Test func aLongHistoryPagesByItsNextCursor() async throws {
        try await withNode(office: "mumbai") { mumbai in
            let id = try await makeRecord(mumbai)
            for round in 0..<12 { try await Self.set(mumbai, id, status: round % 2 == 0 ? "contacted" : "on_hold") }
            let whole = try await Self.history(mumbai, id)
            #expect(whole.count == 13)
            var walked: [[String: Any]] = []
            var next: String? = nil
            repeat {
                let query = "limit=5" + (next.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
                let page = try await mumbai.send("GET", "/v1/records/\(id)/history?\(query)", token: mumbai.token(.reader))
                #expect(page.status == 200, "\(page.text)")
                let entries = page.object["history"] as? [[String: Any]] ?? []
                #expect(entries.count <= 5)
                walked += entries
                next = page.object["next"] as? String
            } while next != nil && walked.count < 20
            #expect(walked.map { $0["dot"] as? String } == whole.map { $0["dot"] as? String })
            #expect(whole.last.flatMap(Self.status) == "identified")
            let unknown = try await mumbai.send("GET", "/v1/records/\(id)/history?cursor=nowhere.x:1", token: mumbai.token(.reader))
            #expect(unknown.status == 400 && unknown.text.contains("no write nowhere.x:1"), "\(unknown.text)")
            let garbled = try await mumbai.send("GET", "/v1/records/\(id)/history?cursor=abc", token: mumbai.token(.reader))
            #expect(garbled.status == 400 && garbled.text.contains("cursor"), "\(garbled.text)")
        }
    }

    /// Mumbai writes the status three times, syncs to Chennai only; Chennai syncs to Kolkata.
    /// Kolkata never saw the first two as live state, yet its history shows all three.
    @Test func historyTravelsThroughAChain() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                try await withNode(office: "kolkata") { kolkata in
                    let created = try await mumbai.send(
                        "POST",
                        "/v1/records",
                        token: mumbai.token(.editor),
                        json: #"{"title":"Rare earths MOU","type":"event","tracks":["sccp"]}"#
                    )
                    let id = try #require(created.object["id"] as? String)
                    for status in ["contacted", "in_discussion", "mou_signed"] { try await Self.set(mumbai, id, status: status) }
                    try await Self.sync(chennai, with: mumbai, as: "mumbai")
                    try await Self.sync(kolkata, with: chennai, as: "chennai")
                    let history = try await Self.history(kolkata, id)
                    #expect(history.compactMap(Self.status) == ["mou_signed", "in_discussion", "contacted", "identified"])
                    #expect(history.allSatisfy { $0["office"] as? String == "mumbai" && $0["reconstructed"] as? Bool == false })
                    #expect(Self.superseded(try #require(history.first)) == ["in_discussion"])
                    let atMumbai = try await mumbai.send("GET", "/v1/records/\(id)/history", token: mumbai.token(.reader))
                    let atKolkata = try await kolkata.send("GET", "/v1/records/\(id)/history", token: kolkata.token(.reader))
                    #expect(atMumbai.text == atKolkata.text)
                    let missing = try await kolkata.send("GET", "/v1/records/nope/history", token: kolkata.token(.reader))
                    #expect(missing.status == 404)
                }
            }
        }
    }

    /// A conflict made at Mumbai and Chennai and resolved at New Delhi: every node's history
    /// shows both values, who wrote them, and the resolution that superseded them.
    @Test func aConflictAndItsResolutionShowEverywhere() async throws {
        try await withNode(office: "mumbai") { mumbai in
            try await withNode(office: "chennai") { chennai in
                try await withNode(office: "new-delhi") { delhi in
                    let created = try await mumbai.send(
                        "POST",
                        "/v1/records",
                        token: mumbai.token(.editor),
                        json: #"{"title":"Fab visit","type":"event","tracks":["sccp"]}"#
                    )
                    let id = try #require(created.object["id"] as? String)
                    try await Self.sync(chennai, with: mumbai, as: "mumbai")
                    try await Self.set(mumbai, id, status: "contacted")
                    try await Self.set(chennai, id, status: "on_hold")
                    try await Self.sync(delhi, with: mumbai, as: "mumbai")
                    try await Self.sync(delhi, with: chennai, as: "chennai")
                    let resolved = try await delhi.send(
                        "POST",
                        "/v1/records/\(id)/resolve",
                        token: delhi.token(.editor),
                        json: #"{"status":"in_discussion"}"#
                    )
                    #expect(resolved.status == 200, "\(resolved.text)")
                    try await Self.sync(chennai, with: delhi, as: "new-delhi")
                    try await Self.sync(mumbai, with: delhi, as: "new-delhi")
                    var texts: Set<String> = []
                    for node in [mumbai, chennai, delhi] {
                        let history = try await Self.history(node, id)
                        let first = try #require(history.first)
                        #expect(Self.status(first) == "in_discussion" && first["office"] as? String == "new-delhi")
                        #expect(Set(Self.superseded(first)) == ["contacted", "on_hold"])
                        let sides = history.filter { $0["concurrent"] as? Bool == true }
                        #expect(Set(sides.compactMap { "\($0["office"]!)=\(Self.status($0) ?? "")" }) == ["mumbai=contacted", "chennai=on_hold"])
                        #expect(sides.allSatisfy { ($0["author"] as? String)?.isEmpty == false })
                        let reply = try await node.send("GET", "/v1/records/\(id)/history", token: node.token(.reader))
                        texts.insert(reply.text)
                    }
                    #expect(texts.count == 1)
                }
            }
        }
    }
}
