import CurlHTTP
import Foundation
import TestProcesses
import Testing

/// A real `liaison serve` process on a free loopback port, with its own data directory,
/// an editor token for staff calls and a peer token for other nodes.
final class ServedNode: @unchecked Sendable {
    let office: String
    let directory: URL
    let editorToken: String
    let peerTokenFile: URL
    private(set) var port = 0
    private var process: ChildProcess?
    private let client = CurlClient(configuration: .init(connectTimeout: 5, totalTimeout: 30))

    /// Initialises a store for `office` under `root` and issues its tokens (not started yet).
    init(office: String, root: URL) throws {
        self.office = office
        directory = root.appendingPathComponent(office)
        _ = try LiaisonRun.ok(["init", "--office", office], data: directory)
        editorToken = try LiaisonRun.ok(["token", "create", "--role", "editor", "--name", "\(office)-staff"], data: directory)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let peerToken = try LiaisonRun.ok(["token", "create", "--role", "peer", "--name", "peers"], data: directory)
        peerTokenFile = root.appendingPathComponent("\(office).peer-token")
        try peerToken.write(to: peerTokenFile, atomically: true, encoding: .utf8)
    }

    /// A node over a store already in `directory` (a restored backup), using the tokens of
    /// `original`, the node the store came from.
    init(store directory: URL, tokensOf original: ServedNode) {
        office = original.office
        self.directory = directory
        editorToken = original.editorToken
        peerTokenFile = original.peerTokenFile
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Whether the `liaison serve` process is running (it has not exited or been stopped).
    var isRunning: Bool { process?.isRunning ?? false }

    /// Starts `liaison serve` on a free port and waits until it listens; its log (stderr) goes to
    /// the file `log` when given. A `launcher` (such as `["/usr/bin/nohup"]`) runs it when given.
    func start(
        syncInterval: Double = 0.5,
        extraArguments: [String] = [],
        environment extra: [String: String] = [:],
        log: URL? = nil,
        launcher: [String] = []
    ) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LIAISON_DATA"] = nil
        environment["LIAISON_SYNC_TIMEOUT"] = "3"
        environment.merge(extra) { _, given in given }
        let command = launcher + [try BuiltProduct.path("liaison")]
        let process = try ChildProcess(
            command[0],
            command.dropFirst() + [
                "serve", "--data", directory.path, "--host", "127.0.0.1", "--port", "\(port)",
                "--sync-interval", "\(syncInterval)",
            ] + extraArguments,
            environment: environment,
            output: .pipe,
            error: log.map { .file($0.path) } ?? .null
        )
        self.process = process
        port = try Self.waitForListeningPort(process.output!)
    }

    /// Reads stdout until the `listening on http://H:P` line and returns P.
    private static func waitForListeningPort(_ handle: FileHandle) throws -> Int {
        var text = ""
        while let chunk = try handle.read(upToCount: 1), !chunk.isEmpty {
            text += String(decoding: chunk, as: UTF8.self)
            if text.hasSuffix("\n"), let range = text.range(of: "listening on http://") {
                let rest = text[range.upperBound...]
                if let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...].prefix { $0.isNumber }) {
                    return port
                }
            }
        }
        throw NodeFailure("liaison serve exited before listening: \(text)")
    }

    /// Stops the node gracefully (SIGTERM, or `signal`) and waits for it; SIGKILL if it has not
    /// exited in 20 s. Returns how it ended (nil when it was not running).
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> ChildProcess.Termination? {
        guard let process else { return nil }
        process.send(signal)
        defer { self.process = nil }
        return process.wait(killingAfter: 20)
    }

    /// Sends `signal` to the running node, and nothing else.
    func send(_ signal: Int32) {
        process?.send(signal)
    }

    /// Kills the node at once (SIGKILL), as a crash would.
    func kill() {
        guard let process else { return }
        process.send(SIGKILL)
        process.wait()
        self.process = nil
    }

    /// Registers `other` as a peer of this node (through the CLI, as an operator would).
    func addPeer(_ other: ServedNode) throws {
        _ = try LiaisonRun.ok(["peer", "add", other.office, other.url, "--token-file", other.peerTokenFile.path], data: directory)
    }

    /// An API call with the editor token; returns status and JSON body.
    func call(
        _ method: String,
        _ path: String,
        json: String? = nil,
        headers: [(name: String, value: String)] = []
    ) async throws
        -> (status: Int, body: String, headers: [String: String])
    {
        var allHeaders = [(name: "Authorization", value: "Bearer \(editorToken)")] + headers
        if json != nil { allHeaders.append((name: "Content-Type", value: "application/json")) }
        let response = try await client.send(
            HTTPRequest(
                method: method,
                url: url + path,
                headers: allHeaders,
                body: json.map { Array($0.utf8) }
            )
        )
        return (response.status, String(decoding: response.body, as: UTF8.self), response.headers)
    }

    /// Every live record's JSON, sorted by id, as `GET /v1/records` returns them.
    func records() async throws -> [String] {
        let (status, body, _) = try await call("GET", "/v1/records?limit=500&sort=title")
        guard status == 200 else { throw NodeFailure("GET /v1/records answered \(status): \(body)") }
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        let records = object["records"] as! [[String: Any]]
        return try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            .sorted()
    }

    deinit {
        kill()
        client.shutdown()
    }
}

/// A failure of the test harness itself.
struct NodeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Waits until `condition` holds, checking every 200 ms, for at most `seconds` (a liveness
/// bound, not a speed assertion); records an issue with `message` if it never does.
func eventually(
    _ message: String,
    within seconds: Double = 60,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(200))
    }
    Issue.record("never happened within \(Int(seconds)) s: \(message)", sourceLocation: sourceLocation)
}

extension ServedNode {
    /// A loopback port nothing listens on (bound, read, and released).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw NodeFailure("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
