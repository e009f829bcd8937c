import Hummingbird
import LiaisonHTTP

extension APIError {
    /// The error's response.
    var response: Response {
        var members: [(String, JSON)] = [("error", .string(message))]
        if !fields.isEmpty { members.append(("fields", .object(fields.map { ($0.0, .string($0.1)) }))) }
        return .json(.object(members), status: status, headers: headers)
    }
}
