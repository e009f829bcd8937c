public import Hummingbird

/// An error the API answers with: `{"error": "<sentence>"}`, plus `"fields": {name: message}`
/// for validation errors. The web page shows the same status and sentence as a page.
public struct APIError: Error, Sendable {
    /// The answer's status.
    public let status: HTTPResponse.Status
    /// The sentence that says what is wrong.
    public let message: String
    /// Each invalid field's problem, in order.
    public var fields: [(String, String)] = []
    /// Headers the answer carries (`Retry-After`, `Allow`, `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, fields: [(String, String)] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.fields = fields
        self.headers = headers
    }
}

extension APIError {
    /// 400 Bad Request.
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    /// 404 Not Found.
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
    /// 413 for a body over ``APILimits/maxBodyBytes``.
    public static func tooLarge() -> APIError {
        APIError(.contentTooLarge, "request body is over the \(APILimits.maxBodyBytes)-byte (16 MiB) limit")
    }

    /// The sentence and each field's problem, for a person: `invalid role "superuser": role
    /// must be one of reader, editor, admin`.
    public var sentence: String {
        fields.isEmpty ? message : message + ": " + fields.map { "\($0.0) \($0.1)" }.joined(separator: "; ")
    }
}
