import Foundation
import TestProcesses
import Testing

/// A node started from an SSH session that then closed died at once (SIGHUP: exit 129, nothing
/// logged) where SIGTERM stops it cleanly.
@Suite("SIGHUP stops liaison serve as SIGTERM does", .offThePool)
struct HangupTests {
    @Test func hangupStopsTheNodeCleanlyAndKeepsItsWrites() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let node = try ServedNode(office: "kolkata", root: root.url)
        defer { node.stop() }
        let log = root.url.appendingPathComponent("serve.log")
        try node.start(log: log)
        let created = try await node.call("POST", "/v1/records", json: #"{"title":"Jute mill JV","type":"joint_venture","tracks":["sccp"]}"#)
        #expect(created.status == 201, "\(created.body)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])
        let acknowledged = try #require(record["id"] as? String)

        #expect(node.stop(SIGHUP) == .exited(0))
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("SIGHUP received: stopping (requests in flight finish, each sync finishes its batch)"), "\(text)")
        #expect(text.contains("stopped"), "\(text)")

        try node.start()
        let read = try await node.call("GET", "/v1/records/\(acknowledged)")
        #expect(read.status == 200 && read.body.contains("Jute mill JV"), "\(read.body)")
    }

    @Test func aNodeStartedUnderNohupKeepsIgnoringHangup() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let node = try ServedNode(office: "kolkata", root: root.url)
        defer { node.stop() }
        let log = root.url.appendingPathComponent("serve.log")
        try node.start(log: log, launcher: ["/usr/bin/nohup"])

        node.send(SIGHUP)
        #expect(try await node.call("GET", "/v1/node").status == 200)
        #expect(node.stop() == .exited(0))
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("SIGTERM received: stopping") && !text.contains("SIGHUP"), "\(text)")
    }
}
