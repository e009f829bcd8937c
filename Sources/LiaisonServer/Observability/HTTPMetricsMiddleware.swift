import Hummingbird

/// Times every request and records it in ``NodeMetrics`` by route pattern, method and status.
/// Added first, so it sees the status the error middleware answered with.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: NodeMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            metrics.recordRequest(
                route: context.endpointPath ?? "unmatched",
                method: method,
                status: response.status.code,
                duration: ContinuousClock.now - start
            )
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(
                route: context.endpointPath ?? "unmatched",
                method: method,
                status: status,
                duration: ContinuousClock.now - start
            )
            throw error
        }
    }
}
