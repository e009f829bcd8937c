import CurlHTTP
import Foundation
import Synchronization
import TestProcesses
import Testing

/// Record writes from many connections at once to a real `liaison serve`, committed in groups
/// (docs/design.md §5, "Group commit"): every acknowledged write is there, also after SIGKILL.
@Suite(.serialized, .offThePool) struct ConcurrentWritesTests {
    @Test func writesFromEightConnectionsAllLandAndSurviveAKill() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let node = try ServedNode(office: "mumbai", root: root.url)
        try node.start(syncInterval: 0)
        defer { node.stop() }
        let client = CurlClient(configuration: .init(totalTimeout: 30, workerThreads: 8))
        defer { client.shutdown() }
        let (acknowledged, refused) = (Tally(), Tally())
        let url = node.url
        let token = node.editorToken
        // Eight writers post until the node is killed under them; a few posts are bad and must
        // fail alone, without taking the writes committed beside them down.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<10_000 {
                        // A bad write fails inside the shared transaction: resolving a record that is not there.
                        let bad = index % 25 == 7
                        let body = #"{"title":"Writer \#(writer) write \#(index)","type":"event","tracks":["sccp"]}"#
                        guard
                            let response = try? await client.send(
                                HTTPRequest(
                                    method: "POST",
                                    url: url + (bad ? "/v1/records/mumbai.missing1/resolve" : "/v1/records"),
                                    headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                                    body: Array(body.utf8)
                                )
                            )
                        else { return }  // the node is gone
                        if bad {
                            if response.status != 404 { refused.add("bad write answered \(response.status)") }
                        } else if response.status == 201, let id = MeshSyncTests.field("id", in: String(decoding: response.body, as: UTF8.self)) {
                            acknowledged.add(id)
                        } else {
                            refused.add("write answered \(response.status)")
                        }
                    }
                }
            }
            group.addTask {
                while acknowledged.items.count < 400 { try await Task.sleep(for: .milliseconds(20)) }
                node.kill()
            }
            try await group.waitForAll()
        }
        let ids = acknowledged.items
        #expect(refused.items.isEmpty, "\(refused.items.prefix(5))")
        #expect(Set(ids).count == ids.count, "every acknowledged write has its own id")
        #expect(ids.count >= 400)

        try node.start(syncInterval: 0)
        var missing: [String] = []
        for id in ids where try await node.call("GET", "/v1/records/\(id)").status != 200 { missing.append(id) }
        #expect(missing.isEmpty, "\(missing.count) of \(ids.count) acknowledged writes were lost to SIGKILL")
        let count = try await FaultSyncTests.recordCount(node)
        #expect(count >= ids.count, "status counts \(count) records, \(ids.count) were acknowledged")
    }
}

/// Lines gathered by concurrent tasks.
private final class Tally: Sendable {
    private let lines = Mutex<[String]>([])

    var items: [String] { lines.withLock { $0 } }

    func add(_ line: String) {
        lines.withLock { $0.append(line) }
    }
}
