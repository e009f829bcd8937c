public import CurlHTTP

/// libcurl is the transport a node syncs over: keep-alive, timeouts, TLS, compression.
extension CurlClient: SyncTransport {
    /// Sends `request` through libcurl.
    public func exchange(_ request: SyncTransportRequest) async throws -> SyncTransportResponse {
        let response = try await send(
            HTTPRequest(method: request.method, url: request.url, headers: request.headers, body: request.body)
        )
        return SyncTransportResponse(status: response.status, body: response.body, wireBytes: response.wireBytes)
    }
}
