import Hummingbird
import LiaisonHTTP

/// Refuses, with 413, any request whose declared `Content-Length` is over the API's limit,
/// before the route reads a byte of it. Bodies without a length are limited where they are
/// collected (`Request.collectBody()`).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > APILimits.maxBodyBytes {
            throw APIError.tooLarge()
        }
        return try await next(request, context)
    }
}
