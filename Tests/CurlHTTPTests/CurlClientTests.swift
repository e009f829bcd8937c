import CurlHTTP
import Foundation
import TestProcesses
import Testing

// Hummingbird also exports types named HTTPRequest and HTTPResponse; these tests mean CurlHTTP's.
private typealias Request = CurlHTTP.HTTPRequest

@Suite("CurlClient against a live Hummingbird server")
struct CurlClientTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let response = try await client.send(Request(url: base + "/hello"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "hello, world")
            #expect(response.header("Content-Type") == "text/plain")
            #expect(response.headers["x-liaison-test"] == "yes")
            #expect(response.header("content-length") == "12")
        }
    }

    @Test func postBodyIsEchoed() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let payload = Array((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let response = try await client.send(
                Request(
                    method: "POST",
                    url: base + "/echo",
                    headers: [("Content-Type", "application/octet-stream")],
                    body: payload
                )
            )
            #expect(response.status == 200)
            #expect(response.body == payload)
        }
    }

    @Test func sendWaitingPostsOnTheCallersThreadAndReportsFailures() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let payload = Array("from a thread of its own".utf8)
            let echoed = try await OwnThread.run {
                try client.sendWaiting(Request(method: "POST", url: base + "/echo", body: payload))
            }
            #expect(echoed.status == 200)
            #expect(echoed.body == payload)
            let refused = await #expect(throws: CurlError.self) {
                try await OwnThread.run { try client.sendWaiting(Request(url: "http://127.0.0.1:1/")) }
            }
            #expect(refused?.code == .connectionRefused)
        }
    }

    @Test func customHeadersReachTheServer() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let response = try await client.send(
                Request(
                    url: base + "/headers",
                    headers: [("X-Liaison-Peer", "mumbai.k3f9q2"), ("Authorization", "Bearer s3cret")]
                )
            )
            #expect(String(decoding: response.body, as: UTF8.self) == "peer=mumbai.k3f9q2 auth=Bearer s3cret")
        }
    }

    @Test func invalidHeaderIsRefused() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        let error = await #expect(throws: CurlError.self) {
            try await client.send(Request(url: "http://127.0.0.1:1/", headers: [("X-Bad", "a\r\nInjected: 1")]))
        }
        #expect(error?.code == .other)
        for value in ["a\nb", "a\rb"] {
            await #expect(throws: CurlError.self) {
                try await client.send(Request(url: "http://127.0.0.1:1/", headers: [("X-Bad", value)]))
            }
        }
    }

    @Test func serverErrorIsAResponseNotAnError() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let response = try await client.send(Request(url: base + "/fail"))
            #expect(response.status == 500)
            #expect(String(decoding: response.body, as: UTF8.self) == "boom")
        }
    }

    @Test func reusedHandleSwitchesMethodsCleanly() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient(configuration: .init(workerThreads: 1))
            defer { client.shutdown() }
            func call(
                _ method: String,
                _ body: [UInt8]? = nil,
                _ headers: [(name: String, value: String)] = []
            )
                async throws -> String
            {
                let response = try await client.send(
                    Request(method: method, url: base + "/method", headers: headers, body: body)
                )
                #expect(response.status == 200)
                return String(decoding: response.body, as: UTF8.self)
            }
            var seen: [String] = []
            seen.append(try await call("POST", Array("abc".utf8), [("Content-Type", "text/plain")]))
            seen.append(try await call("GET"))
            seen.append(try await call("PUT", Array("abcd".utf8)))
            seen.append(try await call("DELETE"))
            seen.append(try await call("POST"))
            seen.append(try await call("GET"))
            #expect(seen == ["POST 3 text/plain", "GET 0 -", "PUT 4 -", "DELETE 0 -", "POST 0 -", "GET 0 -"])
        }
    }

    @Test func sequentialRequestsReuseConnections() async throws {
        try await withTestServer { base, connections in
            let client = CurlClient()
            defer { client.shutdown() }
            let requests = 100
            var opened = 0
            for index in 0..<requests {
                let response: CurlHTTP.HTTPResponse
                if index.isMultiple(of: 2) {
                    response = try await client.send(Request(url: base + "/hello"))
                } else {
                    response = try await client.send(Request(method: "POST", url: base + "/echo", body: [1, 2, 3]))
                }
                #expect(response.status == 200)
                opened += response.newConnections
            }
            #expect(opened >= 1)
            #expect(opened <= 4, "libcurl opened \(opened) connections for \(requests) requests")
            #expect(connections.count <= 4, "server saw \(connections.count) connections for \(requests) requests")
        }
    }

    @Test func concurrentRequestsAllSucceed() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient(configuration: .init(workerThreads: 2))
            defer { client.shutdown() }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await client.send(Request(url: base + "/hello")).status }
                }
                for try await status in group {
                    #expect(status == 200)
                }
            }
        }
    }

    @Test func connectionRefusedNamesHostAndPort() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        let error = await #expect(throws: CurlError.self) {
            try await client.send(Request(url: "http://127.0.0.1:1/v1/node"))
        }
        #expect(error?.code == .connectionRefused)
        #expect(error?.description.contains("127.0.0.1:1") == true)
        #expect(error?.description.contains("refused") == true)
    }

    @Test func unknownHostIsCouldNotResolve() async throws {
        let client = CurlClient(configuration: .init(connectTimeout: 5))
        defer { client.shutdown() }
        let error = await #expect(throws: CurlError.self) {
            try await client.send(Request(url: "http://nowhere.invalid/"))
        }
        #expect(error?.code == .couldNotResolve)
        #expect(error?.description.contains("nowhere.invalid") == true)
    }

    @Test func slowServerTimesOut() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let error = await #expect(throws: CurlError.self) {
                try await client.send(Request(url: base + "/sleep", timeout: 0.5))
            }
            #expect(error?.code == .timedOut)
            #expect(error?.description.contains("timed out after 0.5 s") == true)
            #expect(error?.description.contains("/sleep") == true)
        }
    }

    @Test func aConnectionThatIsNeverMadeTimesOutAsAConnectTimeout() async throws {
        let gone = try FullListenQueue()
        defer { gone.close() }
        let client = CurlClient(configuration: .init(connectTimeout: 0.5, totalTimeout: 30))
        defer { client.shutdown() }
        let error = await #expect(throws: CurlError.self) {
            try await client.send(Request(url: "http://127.0.0.1:\(gone.port)/v1/node"))
        }
        // Not `.timedOut`: nothing reached the peer, so a smaller request would fare no better.
        #expect(error?.code == .connectTimedOut)
        #expect(error?.description.contains("connect to 127.0.0.1:\(gone.port) timed out after 0.5 s") == true, "\(String(describing: error))")
    }

    @Test func cancellingTheTaskStopsAHangingRequest() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient(configuration: .init(totalTimeout: 120))
            defer { client.shutdown() }
            let task = Task { try await client.send(Request(url: base + "/sleep")) }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            // The client still works afterwards.
            let after = try await client.send(Request(url: base + "/hello"))
            #expect(after.status == 200)
        }
    }

    @Test func alreadyCancelledTaskThrowsCancellation() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(Request(url: "http://127.0.0.1:1/"))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func gzipBodyIsDecoded() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient()
            defer { client.shutdown() }
            let response = try await client.send(Request(url: base + "/gzip"))
            #expect(response.status == 200)
            #expect(response.header("content-encoding") == "gzip")
            #expect(response.body == GzipFixture.plain)
            // libcurl counts the body as it came over the wire, before decoding.
            #expect(response.wireBytes == (try GzipFixture.compressed()).count)
            #expect(response.wireBytes < response.body.count)
        }
    }

    @Test func responseLargerThanLimitIsRefused() async throws {
        try await withTestServer { base, _ in
            let client = CurlClient(configuration: .init(maxResponseBytes: 1_000))
            defer { client.shutdown() }
            // Content-Length announces too much.
            let error = await #expect(throws: CurlError.self) {
                try await client.send(Request(url: base + "/large"))
            }
            #expect(error?.code == .responseTooLarge)
            // Small on the wire, too large once decoded: stopped in the write callback.
            let decoded = await #expect(throws: CurlError.self) {
                try await client.send(Request(url: base + "/gzip"))
            }
            #expect(decoded?.code == .responseTooLarge)
            #expect(decoded?.description.contains("1000 bytes") == true)
            // Within the limit still works on the same client.
            let small = try await client.send(Request(url: base + "/hello"))
            #expect(small.status == 200)
        }
    }

    @Test func sendAfterShutdownThrows() async throws {
        let client = CurlClient()
        client.shutdown()
        client.shutdown()
        let error = await #expect(throws: CurlError.self) {
            try await client.send(Request(url: "http://127.0.0.1:1/"))
        }
        #expect(error?.code == .other)
    }

    @Test func tlsOptionsAreAccepted() {
        var configuration = CurlClientConfiguration()
        configuration.caFile = "/etc/ssl/certs/ca-certificates.crt"
        configuration.verifyPeer = false
        let client = CurlClient(configuration: configuration)
        #expect(client.configuration.caFile == "/etc/ssl/certs/ca-certificates.crt")
        client.shutdown()
    }
}
