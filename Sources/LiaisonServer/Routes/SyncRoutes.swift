import Foundation
import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore
import LiaisonSync

/// `/v1/sync/changes` (peers) and `POST /v1/sync` (admins: sync now).
extension APIHandlers {
    @Sendable func syncChanges(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let since = try parameters.integer("since", in: 0...Int64.max, default: 0)
        let limit = try parameters.integer("limit", in: 1...SyncProtocol.maxBatchRecords, default: SyncProtocol.maxBatchRecords)
        let eventsSince = try parameters.integer("events_since", in: 0...Int64.max, default: since)
        // A client whose page timed out asks for smaller ones (docs/design.md §6).
        let maxBytes = try parameters.integer(
            "max_bytes",
            in: SyncProtocol.minBatchBytes...SyncProtocol.maxBatchBytes,
            default: SyncProtocol.maxBatchBytes
        )
        let requester = try parameters.value("for", leftOut: "every state")
        if let requester, !ReplicaID.isValid(requester) {
            throw APIError.badRequest("query parameter \"for\" must be a replica id, got \"\(requester.prefix(80))\"")
        }
        // A client that lists paged_events takes a record's events over several pages (docs/design.md §6).
        let pagedEvents = try parameters.flag("paged_events")
        let eventsAfter = try parameters.value("events_after", leftOut: "the start of the record's events").map { text in
            guard pagedEvents else { throw APIError.badRequest("query parameter \"events_after\" needs paged_events=1") }
            guard let cursor = EventCursor(text: text) else {
                throw APIError.badRequest(
                    "query parameter \"events_after\" must be a page's events_after (RECORD~SEQUENCE~REPLICA~COUNTER), got \"\(text.prefix(80))\""
                )
            }
            return cursor
        }
        let page = try await endpoint.changes(
            since: since,
            limit: limit,
            requester: requester,
            eventsSince: eventsSince,
            pagedEvents: pagedEvents,
            eventsAfter: eventsAfter,
            maxBytes: maxBytes
        )
        return try SyncCompression.json(page, for: request)
    }

    @Sendable func pushChanges(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let body = try await SyncCompression.body(of: request)
        // Only a peer token reaches this route (AuthMiddleware): the caller is that token's name.
        let token = context.author
        let ack = try await endpoint.receive(body: Data(body), token: token)
        let quarantined = ack.quarantined
        if !quarantined.isEmpty { metrics.quarantined(peer: token, states: quarantined.count) }
        return .json(
            .object([
                ("merged", .int(Int64(ack.merged))),
                ("changed", .int(Int64(ack.changed))),
                ("conflicts", .int(Int64(ack.conflicts))),
                ("sequence", .int(ack.sequence)),
                ("quarantined", .array(quarantined.map(JSON.quarantined))),
            ])
        )
    }

    /// Takes no body: an empty one, or `{}` (what a client that always sends JSON sends). Any
    /// other body is refused (400, naming what is wrong) and nothing syncs.
    @Sendable func syncNow(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        try await Self.refuseBody(request)
        let peers = try await store.peers()
        let results: [JSON] = await engine.sync(with: peers).map { peer, result in
            switch result {
            case .success(let report):
                .object([
                    ("peer", .string(peer.name)), ("ok", true),
                    ("replica_id", .string(report.peerReplicaID)),
                    ("pulled", Self.summary(report.pulled)), ("pushed", Self.summary(report.pushed)),
                ])
            case .failure(let error):
                .object([("peer", .string(peer.name)), ("ok", false), ("error", .string("\(error)"))])
            }
        }
        return .json(.object([("results", .array(results))]))
    }

    @Sendable func listPeers(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        .json(.object([("peers", try await peerList())]))
    }

    private static func summary(_ summary: MergeSummary) -> JSON {
        .object([
            ("merged", .int(Int64(summary.merged))),
            ("changed", .int(Int64(summary.changed))),
            ("conflicts", .int(Int64(summary.conflicts))),
            ("quarantined", .array(summary.quarantined.map(JSON.quarantined))),
        ])
    }
}
