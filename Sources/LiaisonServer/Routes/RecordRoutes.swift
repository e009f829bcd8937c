import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `/v1/records` and `/v1/conflicts`: staff reading and writing records.
extension APIHandlers {
    @Sendable func createRecord(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let values = try await request.fieldValues(schema: store.schema)
        let state = try await store.create(values, author: context.author)
        var headers = Self.etag(state)
        headers[.location] = "/v1/records/\(state.id)"
        return .json(.record(state), status: .created, headers: headers)
    }

    /// `{"history": [...], "next"}`: up to `limit` entries (1–1,000, default 1,000), newest
    /// first, from just after `cursor` (a page's `next`; null on the last page).
    @Sendable func recordHistory(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let id = request.recordID(context)
        let parameters = try QueryParameters(request)
        let limit = try parameters.integer("limit", in: 1...Self.historyPageLimit, default: Self.historyPageLimit)
        guard let page = try await store.history(id: id, after: parameters.cursor(Dot.init), limit: limit) else {
            throw APIError.notFound("no record \(id)")
        }
        return .json(.object([("history", .raw(HistoryEntry.json(page.entries))), ("next", .string(page.next?.description))]))
    }

    /// The most entries of a record's history one request answers.
    static let historyPageLimit = 1_000

    @Sendable func getRecord(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let id = request.recordID(context)
        guard let state = try await store.state(id: id) else { throw APIError.notFound("no record \(id)") }
        return .json(.record(state), headers: Self.etag(state))
    }

    @Sendable func updateRecord(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let id = request.recordID(context)
        let read = try request.ifMatchContext()
        let values = try await request.fieldValues(schema: store.schema)
        let outcome = try await store.edit(id: id, values, readContext: read, author: context.author)
        return .json(.record(outcome), headers: Self.etag(outcome.state))
    }

    @Sendable func deleteRecord(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let id = request.recordID(context)
        try await Self.refuseBody(request)
        let read = try request.ifMatchContext()
        let state = try await store.delete(id: id, readContext: read, author: context.author)
        return .json(.record(state), headers: Self.etag(state))
    }

    @Sendable func resolveRecord(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let id = request.recordID(context)
        let read = try request.ifMatchContext(required: false)
        let values = try await request.fieldValues(schema: store.schema)
        let outcome = try await store.settle(id: id, values, version: read, author: context.author)
        return .json(.record(outcome), headers: Self.etag(outcome.state))
    }

    @Sendable func listRecords(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let csv = try parameters.choice("format", ["json", "csv"], default: "json") == "csv"
        var query = try Self.page(parameters, whole: csv)
        query.track = try parameters.filter("track")
        query.office = try parameters.filter("office")
        query.status = try parameters.filter("status")
        query.conflictedOnly = try parameters.flag("conflicted")
        query.deleted = try parameters.flag("deleted")
        query.text = parameters.search("q")
        do {
            try query.check(against: store.schema)
        } catch {
            throw APIError(.badRequest, "invalid filter: \(error.description)", fields: error.issues.map { ($0.field, $0.message) })
        }
        return csv ? try await csvList(query) : try await list(query)
    }

    @Sendable func listConflicts(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        var query = try Self.page(parameters)
        query.conflictedOnly = true
        return try await list(query)
    }

    /// `{"records": [...], "total", "total_exact", "limit", "offset", "next", "previous"}`: when
    /// `total_exact` is false, more than `total` records match. A search during a bulk load adds
    /// `"search_incomplete": true` (its total is not exact): it finds only the records this node
    /// held before the load (docs/design.md §13).
    private func list(_ query: RecordQuery) async throws -> Response {
        let page = try await store.page(query)
        let incomplete = query.searchWords.isEmpty ? false : try await store.indexesAreAside()
        let (total, exact) =
            switch page.total {
            case .exact(let count): (count, !incomplete)
            case .moreThan(let count): (count, false)
            }
        var members: [(String, JSON)] = [
            ("records", .array(page.states.map { .record($0) })),
            ("total", .int(Int64(total))),
            ("total_exact", .bool(exact)),
            ("limit", .int(Int64(query.limit))),
            ("offset", .int(Int64(query.offset))),
            ("next", .string(page.next)),
            ("previous", .string(page.previous)),
        ]
        if incomplete { members.append(("search_incomplete", .bool(true))) }
        return .json(.object(members))
    }

    /// Sort and paging parameters. A `whole` list (CSV) has no page size and no cursor: every
    /// match unless `limit`, in id order unless `sort`.
    private static func page(_ parameters: QueryParameters, whole: Bool = false) throws -> RecordQuery {
        var query = RecordQuery(sort: whole ? .created : .updated)
        query.limit =
            whole
            ? try parameters.integer("limit", in: 1...Int.max, default: Int.max)
            : try parameters.integer("limit", in: 1...APILimits.maxPageSize, default: APILimits.defaultPageSize)
        query.offset = try parameters.integer("offset", in: 0...Int(Int32.max), default: 0)
        query.cursor = try parameters.value("cursor", leftOut: "the first page")
        // A cursor names a page; a whole list has none, and would answer every match instead.
        if whole, query.cursor != nil {
            throw APIError.badRequest(
                "query parameter \"cursor\" pages the JSON list; format=csv answers every match (narrow it with limit and offset)"
            )
        }
        if let sort = try parameters.value("sort") {
            guard let order = RecordQuery.Sort(rawValue: sort) else {
                let known = RecordQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("query parameter \"sort\" must be one of \(known), got \"\(sort.prefix(40))\"")
            }
            query.sort = order
        }
        return query
    }

    /// `ETag: "<version token>"`.
    static func etag(_ state: RecordState) -> HTTPFields {
        [.eTag: "\"\(state.version.description)\""]
    }
}
