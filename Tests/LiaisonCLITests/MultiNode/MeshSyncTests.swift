import Foundation
import TestProcesses
import Testing

/// Real `liaison serve` processes syncing over loopback through libcurl.
@Suite(.serialized, .offThePool) struct MeshSyncTests {
    @Test func threeNodesConvergeOnIdenticalRecordsAndVersions() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let nodes = try ["mumbai", "chennai", "kolkata"].map { try ServedNode(office: $0, root: root.url) }
        for node in nodes { try node.start() }
        defer { nodes.forEach { $0.stop() } }
        for node in nodes {
            for other in nodes where other !== node { try node.addPeer(other) }
        }
        for (index, node) in nodes.enumerated() {
            let (status, body, _) = try await node.call(
                "POST",
                "/v1/records",
                json: #"{"title":"Record \#(index) from \#(node.office)","type":"trade_lead","tracks":["sccp"]}"#
            )
            #expect(status == 201, "\(body)")
        }
        try await eventually("all three nodes list the same three records") {
            let lists = try await nodes.asyncMap { try await $0.records() }
            return lists[0].count == 3 && lists.allSatisfy { $0 == lists[0] }
        }
    }

    @Test func aChainPropagatesAWriteFromEndToEnd() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let (a, b, c) = (
            try ServedNode(office: "mumbai", root: root.url), try ServedNode(office: "hyderabad", root: root.url),
            try ServedNode(office: "chennai", root: root.url)
        )
        for node in [a, b, c] { try node.start() }
        defer { [a, b, c].forEach { $0.stop() } }
        try b.addPeer(a)
        try c.addPeer(b)
        let (status, body, _) = try await a.call(
            "POST",
            "/v1/records",
            json: #"{"title":"Lithium refinery JV","type":"joint_venture","tracks":["critical_minerals"]}"#
        )
        #expect(status == 201, "\(body)")
        try await eventually("C, which only talks to B, has A's record") {
            try await c.records() == a.records()
        }
    }

    @Test func concurrentEditsConflictOnBothNodesAndOneResolutionSettlesAll() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        try mumbai.start()
        try chennai.start()
        defer { [mumbai, chennai].forEach { $0.stop() } }
        try mumbai.addPeer(chennai)
        try chennai.addPeer(mumbai)
        let created = try await mumbai.call(
            "POST",
            "/v1/records",
            json: #"{"title":"Fab partnership","type":"investment","tracks":["semiconductors"]}"#
        )
        let id = try #require(Self.field("id", in: created.body))
        try await eventually("chennai has the record") { try await chennai.call("GET", "/v1/records/\(id)").status == 200 }

        // Both offices stop syncing, edit the same field, then sync again.
        mumbai.stop()
        chennai.stop()
        try chennai.start()
        let version = try #require(try await chennai.call("GET", "/v1/records/\(id)").headers["etag"])
        #expect(
            try await chennai.call(
                "PATCH",
                "/v1/records/\(id)",
                json: #"{"status":"contacted"}"#,
                headers: [("If-Match", version)]
            ).status == 200
        )
        chennai.stop()
        try mumbai.start()
        #expect(
            try await mumbai.call(
                "PATCH",
                "/v1/records/\(id)",
                json: #"{"status":"in_discussion"}"#,
                headers: [("If-Match", version)]
            ).status == 200
        )
        try chennai.start()
        try mumbai.addPeer(chennai)
        try chennai.addPeer(mumbai)

        for node in [mumbai, chennai] {
            try await eventually("\(node.office) shows the conflict with both values") {
                let body = try await node.call("GET", "/v1/records/\(id)").body
                return body.contains(#""status":[{"#) && body.contains("contacted") && body.contains("in_discussion")
            }
        }
        let resolved = try await chennai.call("POST", "/v1/records/\(id)/resolve", json: #"{"status":"mou_signed"}"#)
        #expect(resolved.status == 200, "\(resolved.body)")
        try await eventually("both nodes settle on the resolution") {
            let views = try await [mumbai, chennai].asyncMap { try await $0.call("GET", "/v1/records/\(id)").body }
            return views[0] == views[1] && views[0].contains(#""conflicts":{}"#) && views[0].contains("mou_signed")
        }
    }

    static func field(_ name: String, in json: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?[name] as? String
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
