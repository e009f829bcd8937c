import Foundation
import TestProcesses
import Testing

/// A request body in chunked encoding that is not well formed, or that the connection cuts off
/// midway: the client's fault, said as such, and the node goes on serving.
@Suite("A malformed chunked request body", .offThePool)
struct MalformedBodyTests {
    static let head =
        "POST /v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"

    @Test("bad chunked encoding gets 400 naming it, a body cut off is no internal error, and nothing is written")
    func malformedChunks() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-chunks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let node = try ServedNode(office: "mumbai", root: root)
        let log = root.appendingPathComponent("serve.log")
        try node.start(log: log)
        defer { node.stop() }
        let authorised = Self.head + "Authorization: Bearer \(node.editorToken)\r\n\r\n"

        let badSize = try Self.exchange(port: node.port, authorised + "zz\r\n{}\r\n0\r\n\r\n", thenClose: false)
        #expect(badSize.hasPrefix("HTTP/1.1 400"), "\(badSize)")
        #expect(badSize.contains("the request body's chunked encoding is malformed: invalid character in chunk size header"), "\(badSize)")

        // The client stops sending in the middle of a chunk: an answer, if it can get one, is 400.
        let cutOff = try Self.exchange(port: node.port, authorised + "40\r\n{\"title\":\"Cut", thenClose: true)
        #expect(cutOff.isEmpty || cutOff.hasPrefix("HTTP/1.1 400"), "\(cutOff)")

        #expect(node.isRunning)
        #expect(try await node.call("GET", "/v1/status").status == 200)
        #expect(try await node.records().isEmpty, "nothing was written")
        node.stop()
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(!logged.contains("internal error") && !logged.contains("request failed"), "\(logged)")
    }

    /// Sends `request` on a socket of its own, shuts its sending side when `thenClose`, and returns
    /// everything the node answered before it closed the connection.
    private static func exchange(port: Int, _ request: String, thenClose: Bool) throws -> String {
        let socket = try LoopbackSocket.connect(port: port)
        defer { close(socket) }
        _ = request.withCString { send(socket, $0, strlen($0), 0) }
        if thenClose { shutdown(socket, Int32(SHUT_WR)) }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
