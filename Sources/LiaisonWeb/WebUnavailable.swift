import Hummingbird
import LiaisonHTTP

/// A write the node could not take now, and nothing of it written: the API's 503 (the store held
/// past a write's wait by a sync or another process, or the node's clock not yet set). A form
/// refused so is shown again with what was typed and this sentence, as for its other refusals.
struct WebUnavailable: Sendable {
    /// The API's sentence, as the error page shows it.
    let notice: String
    /// The API's answer headers (`Retry-After`).
    let headers: HTTPFields

    /// The refusal `error` is, or `nil` when it is not a 503.
    init?(_ error: any Error) {
        let answer = APIError(answering: error)
        guard answer.status == .serviceUnavailable else { return nil }
        notice = answer.message
        headers = answer.headers
    }
}
