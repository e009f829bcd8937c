import Hummingbird
import LiaisonHTTP

/// Refuses (400), before its route runs, a request with a query parameter the route does not
/// take (``APIRoute/queryParameters``) or one given twice, naming it: a misspelt filter
/// (`?offic=delhi`) is an error, not a list of every record.
struct QueryCheckMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    /// The names the route takes.
    let known: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try QueryParameters(request).refuseUnknown(known)
        return try await next(request, context)
    }
}
