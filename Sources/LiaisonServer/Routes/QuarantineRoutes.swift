import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `/v1/quarantine`: admins see the states the intake set aside, and drop those dealt with.
extension APIHandlers {
    @Sendable func listQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let entries = try await store.quarantine()
        return .json(.object([("quarantined", .array(entries.map { .raw($0.json) }))]))
    }

    @Sendable func dropQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let text = context.parameters.decoded("id")
        guard let id = Int64(text), id > 0 else {
            throw APIError.badRequest("quarantine entry id must be a whole number, got \"\(text.prefix(40))\"")
        }
        try await store.dropQuarantined(id: id)
        return Response(status: .noContent)
    }

    @Sendable func dropAllQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        .json(.object([("dropped", .int(Int64(try await store.dropAllQuarantined())))]))
    }
}

extension JSON {
    /// `{"id", "problem"}` of a state set aside from a batch.
    static func quarantined(_ refused: Quarantined) -> JSON {
        .object([("id", .string(refused.recordID)), ("problem", .string(refused.problem))])
    }
}
