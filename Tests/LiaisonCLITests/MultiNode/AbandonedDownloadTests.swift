import Foundation
import TestProcesses
import Testing

/// A client that stops reading a long answer partway: a cancelled download, a dropped link.
@Suite("A download abandoned partway", .offThePool)
struct AbandonedDownloadTests {
    @Test("a client that stops reading a streamed CSV list partway leaves the node serving")
    func abandonedCSV() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-abandoned-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let node = try ServedNode(office: "mumbai", root: root)
        _ = try LiaisonRun.ok(["seed", "--records", "1200"], data: node.directory)
        try node.start()
        defer { node.stop() }

        for path in ["/v1/records?format=csv", "/v1/records?format=csv&office=mumbai"] {
            let first = try Self.readPartway(port: node.port, path: path, token: node.editorToken)
            #expect(first.hasPrefix("HTTP/1.1 200"), "the download started: \(first.prefix(80))")
        }
        // The node ends the abandoned streams as their writes fail; it must go on serving.
        try await Task.sleep(for: .seconds(2))
        #expect(node.isRunning)
        let status = try await node.call("GET", "/v1/status")
        #expect(status.status == 200)
        let (_, whole, _) = try await node.call("GET", "/v1/records?format=csv")
        #expect(whole.utf8.split(separator: UInt8(ascii: "\n")).count > 1150, "a whole download still works (1,200 seeded, a few deleted)")
    }

    /// Sends `GET path` on a socket of its own, reads the first 300 bytes of the answer and closes
    /// the connection; returns what it read.
    private static func readPartway(port: Int, path: String, token: String) throws -> String {
        let socket = try LoopbackSocket.connect(port: port)
        defer { close(socket) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 300)
        var read = 0
        while read < buffer.count {
            let count = buffer[read...].withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            read += count
        }
        return String(decoding: buffer[..<read], as: UTF8.self)
    }
}
