import Synchronization

/// The state of one request while libcurl performs it: what has arrived, and whether to stop.
///
/// libcurl's callbacks receive it as an unretained pointer (`CURLOPT_WRITEDATA` and friends); the caller keeps
/// it alive until `curl_easy_perform` returns. The body and headers are touched only by the worker thread running
/// the transfer; ``cancel()`` may come from any thread.
final class Transfer: @unchecked Sendable {
    let request: HTTPRequest
    let maxResponseBytes: Int

    /// Set by task cancellation; read by the progress callback.
    private let cancelled = Atomic<Bool>(false)

    var body: [UInt8] = []
    var headers: [String: String] = [:]
    /// Set when the write callback refused data because the body grew past ``maxResponseBytes``.
    var tooLarge = false

    init(request: HTTPRequest, maxResponseBytes: Int) {
        self.request = request
        self.maxResponseBytes = maxResponseBytes
    }

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
    }

    /// Takes one raw header line from libcurl (`Name: value\r\n`, or a status line).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response begins (after `100 Continue`, for instance): forget the previous one's fields.
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingWhitespace().lowercased()
        let value = String(line[line.index(after: colon)...].trimmingWhitespace())
        guard !name.isEmpty else { return }
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
    }

    /// Takes body bytes; `false` when they would make the body larger than allowed.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxResponseBytes else {
            tooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
