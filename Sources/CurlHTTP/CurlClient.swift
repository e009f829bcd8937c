/// A small async HTTP client on libcurl, with keep-alive, timeouts, TLS and gzip.
///
/// Transfers run on the client's own worker threads, never on Swift's cooperative thread pool. Idle easy handles
/// are pooled, so consecutive requests to one server reuse its connection. Cancelling the calling task stops its
/// transfer (within about a second, when libcurl next reports progress) and throws `CancellationError`.
///
/// ```swift
/// let client = CurlClient(configuration: .init(totalTimeout: 10))
/// defer { client.shutdown() }
/// let response = try await client.send(HTTPRequest(url: "http://127.0.0.1:8080/v1/node"))
/// if response.status == 200 { ... }
/// ```
public final class CurlClient: Sendable {
    /// The settings this client was made with.
    public let configuration: CurlClientConfiguration
    let workers: WorkerPool
    let handles: EasyHandlePool

    /// Creates a client and starts its worker threads.
    public init(configuration: CurlClientConfiguration = .init()) {
        self.configuration = configuration
        let threads = max(1, configuration.workerThreads)
        self.workers = WorkerPool(threads: threads, name: "CurlHTTP")
        self.handles = EasyHandlePool(maxIdle: threads)
    }

    deinit {
        shutdown()
    }

    /// Sends a request and returns its response, whatever its status.
    ///
    /// - Throws: ``CurlError`` when no response came back (refused, unresolved, timed out, TLS, too large, ...);
    ///   `CancellationError` when the task was cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = Transfer(request: request, maxResponseBytes: configuration.maxResponseBytes)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let accepted = workers.submit { [self] in
                    continuation.resume(with: self.perform(transfer))
                }
                if !accepted {
                    continuation.resume(
                        throwing: CurlError(
                            code: .other,
                            description: "HTTP client is shut down (\(request.method) \(request.url))"
                        )
                    )
                }
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    /// Sends a request on the calling thread, which waits for the response: for callers that run
    /// threads of their own (a benchmark's connections), skipping the hand-offs to a worker thread
    /// and back. Never call it from Swift's cooperative thread pool.
    ///
    /// - Throws: ``CurlError`` as ``send(_:)`` does.
    public func sendWaiting(_ request: HTTPRequest) throws -> HTTPResponse {
        try perform(Transfer(request: request, maxResponseBytes: configuration.maxResponseBytes)).get()
    }

    /// Stops the worker threads once queued requests are done and frees the pooled handles (closing their
    /// connections). Later calls to ``send(_:)`` throw. Idempotent.
    public func shutdown() {
        workers.shutdown()
        handles.close()
    }
}
