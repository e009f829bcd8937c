import Hummingbird
import LiaisonCore
import LiaisonStore

/// `/v1/quarantine`: admins see the states the intake set aside, and drop those dealt with.
extension APIHandlers {
    @Sendable func listQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let entries = try await store.quarantine()
        return .json(.object([("quarantined", .array(entries.map(JSON.quarantineEntry)))]))
    }

    @Sendable func dropQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let text = context.parameters.get("id") ?? ""
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

    /// One quarantine entry as `GET /v1/quarantine` and `liaison quarantine list --json` show it.
    static func quarantineEntry(_ entry: QuarantineEntry) -> JSON {
        .object([
            ("id", .int(entry.id)),
            ("source", .string(entry.source)),
            ("record_id", .string(entry.recordID)),
            ("problem", .string(entry.problem)),
            ("first_at", .time(entry.firstAt)),
            ("last_at", .time(entry.lastAt)),
            ("times", .int(Int64(entry.times))),
            ("size", .int(Int64(entry.size))),
            ("bytes", .string(String(decoding: entry.bytes, as: UTF8.self))),
        ])
    }
}
