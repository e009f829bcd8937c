import GRDB
import Hummingbird
import LiaisonCore
import LiaisonStore
import LiaisonSync
import NIOCore
import NIOHTTP1

extension APIError {
    /// The answer to any error a route may throw: its status and sentence.
    public init(answering error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as ValidationError:
            let fields = error.issues.map { ($0.field, $0.message) }
            self.init(.badRequest, "invalid fields: \(error.description)", fields: fields)
        case let error as StoreError:
            switch error.code {
            case .notFound: self.init(.notFound, error.message)
            case .refused: self.init(.conflict, error.message)
            case .invalid: self.init(.badRequest, error.nameClash.map { "\(error.message); \($0.routeAdvice)" } ?? error.message)
            case .notInitialised, .alreadyInitialised: self.init(.internalServerError, error.message)
            }
        case let error as ClockError:
            // The node cannot write until an admin sets its clock: no fault of the request.
            self.init(.serviceUnavailable, error.description)
        case let error as VersionTokenError:
            self.init(.badRequest, error.description)
        case let error as WriteError:
            self.init(.conflict, error.description)
        case let error as SyncRequestError:
            self.init(.init(code: error.status), error.message)
        case let error where LiaisonStore.isBusy(error):
            // The store was held for longer than a write waits from its arrival, by this node's
            // sync merging a large pull or by another process (a `liaison import`, `seed` or
            // `merge` on the same data directory): nothing was written.
            self.init(.serviceUnavailable, LiaisonStore.busyMessage, headers: [.retryAfter: "5"])
        case let error as DatabaseError where error.resultCode == .SQLITE_FULL:
            // The node's disk (or the store's size limit) is full: the transaction rolled back.
            self.init(
                .init(code: 507, reasonPhrase: "Insufficient Storage"),
                "the node's disk is full: nothing was written; an admin must free space on the node's disk (reads still work)"
            )
        case let error as HTTPParserError:
            // The head was parsed before the route ran: what the parser meets now is in the body.
            self.init(.badRequest, Self.malformedBody(error))
        case is NIOTooManyBytesError:
            self = .tooLarge()
        case let error as HTTPError:
            switch error.status {
            case .notFound: self.init(.notFound, "no such route")
            case .contentTooLarge: self = .tooLarge()
            default: self.init(error.status, error.body ?? error.status.reasonPhrase)
            }
        default:
            self.init(.internalServerError, "internal error: \(error)")
        }
    }

    /// The sentence for a request body NIO's parser could not read: bad chunked encoding, or a
    /// body the connection ended in the middle of.
    private static func malformedBody(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidEOFState: "the request body was cut off: the connection ended before the whole body came"
        default: "the request body's chunked encoding is malformed: \(error.debugDescription)"
        }
    }
}
