import Hummingbird
import LiaisonHTTP

/// Answers 405 with `Allow`, in the API's JSON error shape, where the router would answer 404
/// because an API path was asked with a method none of its routes serves: OPTIONS, TRACE, or a
/// method HTTP itself does not define (`PROPFIND`). A mistyped `curl -X` then says what is wrong
/// (`PUT /v1/records` → `/v1/records accepts GET, POST only`). Added to the router before any
/// route, so it also wraps the router's not-found answer; a path outside the API keeps its 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let (pattern, methods) = APIRoute.methods(at: request.uri.path) else { throw error }
            // HEAD is served wherever GET is.
            let allowed = (methods + (methods.contains("GET") ? ["HEAD"] : [])).sorted()
            guard !allowed.contains(request.method.rawValue) else { throw error }
            // Counted in the metrics under the route's pattern, not as an unknown path.
            context.coreContext.endpointPath.value = pattern
            throw APIError(
                .methodNotAllowed,
                "\(pattern) accepts \(methods.joined(separator: ", ")) only",
                headers: [.allow: allowed.joined(separator: ", ")]
            )
        }
    }
}
