import Hummingbird
import LiaisonHTTP
import Logging

/// Turns every error a route throws into a JSON answer `{"error": ...}` with the right status
/// (see ``LiaisonHTTP/APIError/init(answering:)``).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = APIError(answering: error)
            if answer.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return answer.response
        }
    }
}
