import Foundation
import LiaisonCore
import LiaisonStore
import Testing

/// A pushing peer's share of the quarantine is its token's, whatever replica id it claims
/// (docs/design.md §9).
@Suite("Pushes: the quarantine's bound is per peer token")
struct PushQuarantineBoundTests {
    /// A state from Chennai whose value breaks the schema: quarantined, never merged.
    static func badState() throws -> String {
        var state = RecordState(id: RecordID.make())
        let fields: [String: FieldValue] = [
            "type": .text("investment"), "title": .text("Wafer fab"), "office": .text("chennai"),
            "tracks": .list(["sccp"]), "status": .text("identified"), "value_usd": .text("lots"),
        ]
        try state.write(fields, readContext: .empty, replica: "chennai.abc123", meta: WriteMeta(author: "priya", at: 1_700_000_000_000))
        return state.canonicalJSON
    }

    /// Pushes `count` bad states with `token`, the batch claiming to come from `replica`; the
    /// problems of the states the answer lists as quarantined.
    static func pushBad(_ count: Int, claiming replica: String, token: String, to node: TestNode) async throws -> [String] {
        let states = try (0..<count).map { _ in try badState() }
        let reply = try await node.send("POST", "/v1/sync/changes", token: token, json: SyncRoutesTests.batch(replica, states))
        #expect(reply.status == 200, "\(reply.text.prefix(300))")
        return try #require(reply.object["quarantined"] as? [[String: Any]]).map { $0["problem"] as? String ?? "" }
    }

    @Test func aPeerClaimingANewReplicaIDForEachPushGetsNoMoreRoom() async throws {
        try await withNode { node in
            let peer = node.token(.peer)
            let bound = IntakeLimits.maxQuarantinedPerSource
            // Two pushes fill the token's share, each under a replica id of its own.
            for (index, claimed) in ["chennai.rot001", "chennai.rot002"].enumerated() {
                let size = index == 0 ? bound / 2 : bound - bound / 2
                let problems = try await Self.pushBad(size, claiming: claimed, token: peer, to: node)
                #expect(problems.count == size && problems.allSatisfy { !$0.contains("not kept") })
            }
            // A third replica id gets no fresh room: its states are refused, named, not kept.
            let turnedAway = try await Self.pushBad(2, claiming: "chennai.rot003", token: peer, to: node)
            #expect(turnedAway.count == 2)
            #expect(
                turnedAway.allSatisfy { $0.hasSuffix("(not kept: token peer-token fills the quarantine; drop entries to keep more)") },
                "\(turnedAway)"
            )

            // Another peer's token keeps its own room.
            let other = try await node.store.createToken(name: "kolkata", role: .peer)
            let kept = try await Self.pushBad(1, claiming: "kolkata.k0l001", token: other, to: node)
            #expect(kept.count == 1 && !kept[0].contains("not kept"), "\(kept)")

            // The admin still sees which replica id each entry claimed, and with which token.
            let sources = Set(try await QuarantinePagesTests.everyEntry(of: node).compactMap { $0["source"] as? String })
            #expect(
                sources == [
                    "push from chennai.rot001 (token peer-token)", "push from chennai.rot002 (token peer-token)",
                    "push from kolkata.k0l001 (token kolkata)",
                ]
            )
            // Status counts the states turned away beside those kept, until the quarantine is emptied.
            let status = try await node.send("GET", "/v1/status", token: node.token(.reader))
            #expect(status.object["quarantined"] as? Int == bound + 1)
            #expect(status.object["quarantined_not_kept"] as? Int == 2, "\(status.text.prefix(300))")
            let page = try await WebBrowser.signIn(node, as: .reader).get("/sync")
            #expect(page.text.contains("2 more states were refused and not kept"), "\(page.text)")
            // The admin's page counts every entry and lists the most recent 50 (each with a Drop
            // form, then one Drop all), the last push first.
            let adminPage = try await WebBrowser.signIn(node, as: .admin).get("/sync").text
            #expect(adminPage.contains("\(bound + 1) states were set aside"))
            #expect(adminPage.components(separatedBy: #"action="/quarantine/drop""#).count - 1 == 50 + 1)
            #expect(adminPage.range(of: "push from kolkata.k0l001")!.lowerBound < adminPage.range(of: "push from chennai.rot002")!.lowerBound)
            #expect(try await node.send("DELETE", "/v1/quarantine", token: node.token(.admin)).object["dropped"] as? Int == bound + 1)
            let emptied = try await node.send("GET", "/v1/status", token: node.token(.reader))
            #expect(emptied.object["quarantined"] as? Int == 0 && emptied.object["quarantined_not_kept"] as? Int == 0)
        }
    }
}
