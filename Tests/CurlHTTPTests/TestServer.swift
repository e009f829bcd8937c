import Foundation
import Hummingbird
import Synchronization
import TestProcesses

/// A request context that remembers the client's port, so tests can count connections.
struct PeerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remotePort: Int?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remotePort = source.channel.remoteAddress?.port
    }
}

/// The distinct client ports the server saw, i.e. the connections clients opened.
final class ConnectionLog: Sendable {
    private let ports = Mutex<Set<Int>>([])

    func record(_ port: Int?) {
        guard let port else { return }
        _ = ports.withLock { $0.insert(port) }
    }

    var count: Int { ports.withLock { $0.count } }
}

/// A fixed, compressible text body and its gzip encoding (made by `/usr/bin/gzip`).
enum GzipFixture {
    static let plain: [UInt8] = Array(
        String(repeating: "Liaison keeps the partnership records in step. ", count: 400).utf8
    )

    static func compressed() throws -> [UInt8] {
        let gzip = try ChildProcess.run("/usr/bin/gzip", ["-c", "-n"], stdin: Data(plain))
        guard gzip.termination == .exited(0) else { throw SpawnFailure("gzip ended with \(gzip.termination)") }
        return Array(gzip.output)
    }
}

/// The routes the tests call.
func buildTestRouter(log: ConnectionLog, gzipped: [UInt8]) -> Router<PeerContext> {
    let router = Router(context: PeerContext.self)
    router.get("/hello") { _, context in
        log.record(context.remotePort)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain", .init("X-Liaison-Test")!: "yes"],
            body: .init(byteBuffer: ByteBuffer(string: "hello, world"))
        )
    }
    router.post("/echo") { request, context in
        log.record(context.remotePort)
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        return Response(status: .ok, body: .init(byteBuffer: body))
    }
    router.on("/method", method: .get) { request, _ in try await describe(request) }
    router.on("/method", method: .post) { request, _ in try await describe(request) }
    router.on("/method", method: .put) { request, _ in try await describe(request) }
    router.on("/method", method: .delete) { request, _ in try await describe(request) }
    router.get("/headers") { request, _ in
        let value = request.headers[.init("X-Liaison-Peer")!] ?? "(none)"
        let auth = request.headers[.authorization] ?? "(none)"
        return "peer=\(value) auth=\(auth)"
    }
    router.get("/fail") { _, _ in
        Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "boom")))
    }
    router.get("/sleep") { _, _ in
        try await Task.sleep(for: .seconds(20))
        return "late"
    }
    router.get("/large") { _, _ in
        Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 100_000)))
    }
    router.get("/gzip") { request, _ in
        let accepts = request.headers[.acceptEncoding] ?? ""
        guard accepts.contains("gzip") else {
            return Response(status: .notAcceptable, body: .init(byteBuffer: ByteBuffer(string: "no gzip")))
        }
        return Response(
            status: .ok,
            headers: [.contentEncoding: "gzip", .contentType: "text/plain"],
            body: .init(byteBuffer: ByteBuffer(bytes: gzipped))
        )
    }
    return router
}

/// `METHOD body-length content-type` as the server received them.
private func describe(_ request: Request) async throws -> String {
    var request = request
    let body = try await request.collectBody(upTo: 1 << 20)
    let contentType = request.headers[.contentType] ?? "-"
    return "\(request.method.rawValue) \(body.readableBytes) \(contentType)"
}

/// Runs a Hummingbird server on a free loopback port for the duration of `body`, then stops it.
func withTestServer(
    _ body: @Sendable (_ baseURL: String, _ connections: ConnectionLog) async throws -> Void
) async throws {
    let log = ConnectionLog()
    let router = buildTestRouter(log: log, gzipped: try GzipFixture.compressed())
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        }
    )
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            group.cancelAll()
            throw TestServerError.noPort
        }
        do {
            try await body("http://127.0.0.1:\(port)", log)
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}

enum TestServerError: Error {
    case noPort
}
