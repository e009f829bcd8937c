import Hummingbird

/// An error the API answers with: `{"error": "<sentence>"}`, plus `"fields": {name: message}`
/// for validation errors.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String
    var fields: [(String, String)] = []
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, fields: [(String, String)] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.fields = fields
        self.headers = headers
    }

    /// The error's response.
    var response: Response {
        var members: [(String, JSON)] = [("error", .string(message))]
        if !fields.isEmpty { members.append(("fields", .object(fields.map { ($0.0, .string($0.1)) }))) }
        return .json(.object(members), status: status, headers: headers)
    }
}

extension APIError {
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
    static func tooLarge() -> APIError {
        APIError(.contentTooLarge, "request body is over the \(APILimits.maxBodyBytes)-byte (16 MiB) limit")
    }
}
