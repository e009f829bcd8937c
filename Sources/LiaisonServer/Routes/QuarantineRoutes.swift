import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `/v1/quarantine`: admins see the states the intake set aside, and drop those dealt with.
extension APIHandlers {
    /// `{"quarantined": [...], "total", "limit", "next"}`: up to `limit` entries (1–500, default
    /// 50), the most recent arrival first, from just after `cursor` (a page's `next`; null on
    /// the last page); `total` counts every entry.
    @Sendable func listQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let limit = try parameters.integer("limit", in: 1...APILimits.maxPageSize, default: APILimits.defaultPageSize)
        let page = try await store.quarantine(limit: limit, after: parameters.cursor(QuarantineCursor.init))
        return .json(
            .object([
                ("quarantined", .array(page.entries.map { .raw($0.json) })),
                ("total", .int(Int64(page.total))),
                ("limit", .int(Int64(limit))),
                ("next", .string(page.next?.description)),
            ])
        )
    }

    @Sendable func dropQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        try await Self.refuseBody(request)
        let text = context.parameters.decoded("id")
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw APIError.badRequest("quarantine entry id must be a whole number, got \"\(text.prefix(40))\"")
        }
        // A number past any id names no entry, as an id not kept does.
        guard let id = Int64(text) else { throw APIError.notFound("no quarantined state \(text.prefix(40))") }
        try await store.dropQuarantined(id: id)
        return Response(status: .noContent)
    }

    @Sendable func dropAllQuarantine(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        // A body says something this route does not take: refused, as every route refuses one,
        // rather than every entry dropped.
        try await Self.refuseBody(request)
        return .json(.object([("dropped", .int(Int64(try await store.dropAllQuarantined())))]))
    }
}

extension JSON {
    /// `{"id", "problem"}` of a state set aside from a batch.
    static func quarantined(_ refused: Quarantined) -> JSON {
        .object([("id", .string(refused.recordID)), ("problem", .string(refused.problem))])
    }
}
