import Hummingbird
import LiaisonHTTP
import NIOCore

/// `GET /metrics`: the node's metrics in the Prometheus text format.
extension APIHandlers {
    @Sendable func metricsPage(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let page = try await metrics.render(store: store)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: page))
        )
    }
}
