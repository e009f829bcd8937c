import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP

/// Reading a JSON body of named members, refusing anything else by name.
extension APIHandlers {
    /// The body as `T`, a JSON object of the `members` named (`shape` shows them): 400 for
    /// malformed JSON, a member named twice, a member not among them, or one of the wrong type,
    /// each named.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, members: Set<String>, shape: String) async throws -> T {
        try decode(type, from: try await request.collectBody(), members: members, shape: shape)
    }

    /// Checks the body of a route that takes none: an empty one, or `{}` (what a client that
    /// always sends JSON sends). Any other body is refused (400, naming what is wrong).
    static func refuseBody(_ request: Request) async throws {
        struct NoMembers: Decodable {}
        let body = try await request.collectBody()
        if !body.isEmpty { _ = try decode(NoMembers.self, from: body, members: [], shape: "{}, or no body at all") }
    }

    /// `bytes` as `T`, as ``decode(_:_:members:shape:)`` reads a body.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], members: Set<String>, shape: String) throws -> T {
        let values: [String: FieldValue]
        do {
            values = try Request.fieldValues(from: bytes)
        } catch let error as ValidationError {
            throw APIError(.badRequest, "the body must be JSON like \(shape)", fields: error.issues.map { ($0.field, $0.message) })
        }
        // SQLite reads a bound text up to its first NUL: `alice\u0000x` signed in as alice, under
        // a sign-in count of its own, and `"user": "frank\u0000x"` made a token of frank's.
        if let member = values.first(where: { $0.value.holdsNUL })?.key {
            throw APIError(
                .badRequest,
                "\(member.prefix(40)) holds a NUL character (\\u0000), which no name, password or value may hold",
                fields: [(String(member.prefix(40)), "holds a NUL character")]
            )
        }
        let unknown = values.keys.filter { !members.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw APIError(
                .badRequest,
                "unknown member \(unknown.map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")): the body must be JSON like \(shape)",
                fields: unknown.map { ($0, "is not a member of this body") }
            )
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch DecodingError.keyNotFound(let key, _) {
            throw APIError(
                .badRequest,
                "\(key.stringValue) is required: the body must be JSON like \(shape)",
                fields: [(key.stringValue, "is required")]
            )
        } catch DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context) {
            let member = context.codingPath.first?.stringValue ?? "the body"
            let expected = type is Bool.Type ? "true or false" : "a string"
            throw APIError(
                .badRequest,
                "\(member) must be \(expected): the body must be JSON like \(shape)",
                fields: [(member, "must be \(expected)")]
            )
        } catch {
            throw APIError.badRequest("the body must be JSON like \(shape)")
        }
    }
}

extension FieldValue {
    /// Whether the text (or a text of the list) holds a NUL character.
    fileprivate var holdsNUL: Bool {
        switch self {
        case .text(let text): text.utf8.contains(0)
        case .list(let items): items.contains { $0.utf8.contains(0) }
        default: false
        }
    }
}
