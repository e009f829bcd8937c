import CurlHTTP
import Foundation
import LiaisonBundledPlugins
import LiaisonCore
import LiaisonHTTP
import LiaisonServer
import LiaisonStore
import Logging
import ServiceLifecycle

/// A real node for a test: a store in its own temporary directory, the real app listening on
/// a free loopback port, a token of every role, and a libcurl client.
struct TestNode: Sendable {
    let directory: URL
    let store: LiaisonStore
    let base: String
    let client: CurlClient
    /// A token of each role.
    let tokens: [TokenRole: String]

    /// The token of `role`.
    func token(_ role: TokenRole) -> String { tokens[role]! }

    /// The name of this node's session cookie (it ends with the node's replica id).
    var sessionCookieName: String { store.identity.sessionCookieName }
    /// The name of this node's sign-in form cookie.
    var signInCookieName: String { store.identity.signInCookieName }

    /// Sends a request to the node; `token` is sent as a bearer token when given.
    func send(
        _ method: String,
        _ path: String,
        token: String? = nil,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        timeout: Double = 30
    ) async throws -> Reply {
        var headers = headers
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response = try await client.send(
            HTTPRequest(method: method, url: base + path, headers: headers, body: body, timeout: timeout)
        )
        return Reply(response: response)
    }

    /// Sends a JSON body.
    func send(
        _ method: String,
        _ path: String,
        token: String? = nil,
        json: String,
        headers: [(name: String, value: String)] = []
    ) async throws -> Reply {
        try await send(method, path, token: token, headers: headers, body: Array(json.utf8))
    }
}

/// An answer, with its body parsed when it is JSON.
struct Reply: Sendable {
    let response: HTTPResponse

    var status: Int { response.status }
    var text: String { String(decoding: response.body, as: UTF8.self) }
    func header(_ name: String) -> String? { response.header(name) }

    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// The `error` sentence of an error answer.
    var error: String { object["error"] as? String ?? "" }
    /// The `fields` of a validation error.
    var fields: [String: String] { object["fields"] as? [String: String] ?? [:] }
}

/// Runs `body` against a fresh node (office `office`) and stops the node afterwards.
func withNode<T: Sendable>(
    office: String = "mumbai",
    syncInterval: Double? = nil,
    _ body: @Sendable (TestNode) async throws -> T
) async throws -> T {
    try await withConfiguredNode(office: office, configure: { $0.syncInterval = syncInterval }, client: .init(), body)
}

/// Runs `body` against a fresh node without periodic sync whose sign-ins wait `backoff`
/// seconds after five failures (doubling after that), reached by `client`.
func withSignInBackoff<T: Sendable>(
    _ backoff: Double,
    client: CurlClientConfiguration = .init(),
    _ body: @Sendable (TestNode) async throws -> T
) async throws -> T {
    try await withConfiguredNode(
        office: "mumbai",
        configure: {
            $0.syncInterval = nil
            $0.signInBackoff = backoff
        },
        client: client,
        body
    )
}

/// Runs `body` against a fresh node whose server configuration and HTTP client (the one its
/// sync uses, and the test's) the caller sets, and whose store takes the time of its writes from
/// `now` (by default the machine's clock); stops the node afterwards.
func withConfiguredNode<T: Sendable>(
    office: String,
    configure: (inout ServerConfiguration) -> Void,
    client clientConfiguration: CurlClientConfiguration,
    now: @escaping @Sendable () -> Int64 = { Timestamp.millis() },
    _ body: @Sendable (TestNode) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-server-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try LiaisonStore.initialise(directory: directory, office: office)
    let store = try LiaisonStore(directory: directory, schema: BundledPlugins.schema, now: now)
    var tokens: [TokenRole: String] = [:]
    for role in TokenRole.allCases {
        tokens[role] = try await store.createToken(name: "\(role.rawValue)-token", role: role)
    }
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, syncInterval: nil, logLevel: .warning)
    configure(&configuration)
    configuration.onServerRunning = { port in
        portContinuation.yield(port)
        portContinuation.finish()
    }
    let scheme = configuration.scheme
    let client = CurlClient(configuration: clientConfiguration)
    defer { client.shutdown() }
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let app = buildApplication(configuration, store: store, plugins: BundledPlugins.registry, transport: client, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await tasks.waitForAll()  // rethrows the start error
            throw TestFailure("the server never reported its port")
        }
        let node = TestNode(
            directory: directory,
            store: store,
            base: "\(scheme)://127.0.0.1:\(port)",
            client: client,
            tokens: tokens
        )
        do {
            let result = try await body(node)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
