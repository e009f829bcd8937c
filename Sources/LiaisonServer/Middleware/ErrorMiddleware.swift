import Hummingbird
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Logging
import NIOCore

/// Turns every error a route throws into a JSON answer `{"error": ...}` with the right status.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LiaisonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = Self.apiError(for: error)
            if answer.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return answer.response
        }
    }

    /// The API error for any error a route may throw.
    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ValidationError:
            let fields = error.issues.map { ($0.field, $0.message) }
            return APIError(.badRequest, "invalid fields: \(error.description)", fields: fields)
        case let error as StoreError:
            switch error.code {
            case .notFound: return APIError(.notFound, error.message)
            case .refused: return APIError(.conflict, error.message)
            case .invalid: return APIError(.badRequest, error.message)
            case .notInitialised, .alreadyInitialised: return APIError(.internalServerError, error.message)
            }
        case let error as VersionTokenError:
            return APIError(.badRequest, error.description)
        case let error as WriteError:
            return APIError(.conflict, error.description)
        case let error as SyncRequestError:
            return APIError(.init(code: error.status), error.message)
        case is NIOTooManyBytesError:
            return .tooLarge()
        case let error as HTTPError:
            switch error.status {
            case .notFound: return APIError(.notFound, "no such route")
            case .contentTooLarge: return .tooLarge()
            default: return APIError(error.status, error.body ?? error.status.reasonPhrase)
            }
        default:
            return APIError(.internalServerError, "internal error: \(error)")
        }
    }
}
