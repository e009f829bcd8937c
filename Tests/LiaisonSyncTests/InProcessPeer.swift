import CurlHTTP
import Foundation
import LiaisonStore
import LiaisonSync
import Synchronization

/// A peer reached in-process: each request goes straight to the ``SyncEndpoint`` of a real
/// store, as the HTTP server would pass it on, except those picked by ``fail(_:_:after:with:)``,
/// which fail the way a network or a broken peer does.
final class InProcessPeer: SyncTransport {
    /// How a picked request fails.
    enum Fault: Sendable {
        /// No answer in time: what libcurl reports when a peer hangs.
        case timeout
        /// An answer with this status and an `{"error"}` body.
        case status(Int)
        /// A 200 answer with this body.
        case body(String)
        /// No answer in time to a request, or with an answer, whose body is over this many bytes:
        /// a link too slow to carry it within the timeout. Smaller ones pass.
        case slowLink(carrying: Int)
    }

    private struct Plan {
        var method = ""
        var path = ""
        var passing = 0
        var fault: Fault?
    }

    /// The peer's side of the protocol.
    let endpoint: SyncEndpoint
    private let plan = Mutex(Plan())
    private let counts = Mutex([String: Int]())

    init(_ store: LiaisonStore) {
        endpoint = SyncEndpoint(store: store)
    }

    /// From now on, requests `method path` fail with `fault`, after `passing` more succeed.
    func fail(_ method: String, _ path: String, after passing: Int = 0, with fault: Fault) {
        plan.withLock { $0 = Plan(method: method, path: path, passing: passing, fault: fault) }
    }

    /// Requests succeed again.
    func heal() {
        plan.withLock { $0.fault = nil }
    }

    /// How many requests `method path` reached the peer's endpoint.
    func served(_ method: String, _ path: String) -> Int {
        counts.withLock { $0["\(method) \(path)", default: 0] }
    }

    func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
        guard let url = URLComponents(string: request.url) else { throw TransportFailure("bad URL \(request.url)") }
        let fault = plan.withLock { plan -> Fault? in
            guard let fault = plan.fault, plan.method == request.method, plan.path == url.path else { return nil }
            if plan.passing > 0 {
                plan.passing -= 1
                return nil
            }
            return fault
        }
        switch fault {
        case .timeout: throw Self.timedOut(request)
        case .slowLink(let carried) where (request.body?.count ?? 0) > carried: throw Self.timedOut(request)
        case .status(let status): return SyncTransportResponse(status: status, body: Array(#"{"error":"the peer is overloaded"}"#.utf8))
        case .body(let text): return SyncTransportResponse(status: 200, body: Array(text.utf8))
        case .slowLink, nil: break
        }
        counts.withLock { $0["\(request.method) \(url.path)", default: 0] += 1 }
        let response = try await route(request, url)
        if case .slowLink(let carried) = fault, response.body.count > carried { throw Self.timedOut(request) }
        return response
    }

    func shutdown() {}

    /// What libcurl reports for `request` when no answer came in time.
    private static func timedOut(_ request: SyncTransportRequest) -> CurlError {
        CurlError(code: .timedOut, description: "timed out after 30 s (\(request.method) \(request.url))")
    }

    private func route(_ request: SyncTransportRequest, _ url: URLComponents) async throws -> SyncTransportResponse {
        func query(_ name: String) -> String? { url.queryItems?.first { $0.name == name }?.value }
        switch (request.method, url.path) {
        case ("GET", SyncProtocol.nodePath):
            return SyncTransportResponse(status: 200, body: Array(try JSONEncoder().encode(try await endpoint.nodeInfo())))
        case ("GET", SyncProtocol.changesPath):
            let page = try await endpoint.changes(
                since: Int64(query("since") ?? "0") ?? 0,
                limit: Int(query("limit") ?? "") ?? 500,
                requester: query("for"),
                eventsSince: query("events_since").flatMap { Int64($0) },
                pagedEvents: query("paged_events") == "1",
                eventsAfter: query("events_after").flatMap(EventCursor.init(text:)),
                maxBytes: query("max_bytes").flatMap { Int($0) } ?? SyncProtocol.maxBatchBytes
            )
            return SyncTransportResponse(status: 200, body: Array(page.utf8))
        case ("POST", SyncProtocol.changesPath):
            do {
                let ack = try await endpoint.receive(body: Data(request.body ?? []), token: "peer")
                return SyncTransportResponse(status: 200, body: Array(try JSONEncoder().encode(ack)))
            } catch let error as SyncRequestError {
                let body = try JSONEncoder().encode(["error": error.message])
                return SyncTransportResponse(status: error.status, body: Array(body))
            }
        default:
            return SyncTransportResponse(status: 404, body: Array(#"{"error":"no such route"}"#.utf8))
        }
    }
}

/// A transport failure with libcurl's words.
struct TransportFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
