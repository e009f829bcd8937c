public import Foundation
import LiaisonCore
public import LiaisonStore

/// A sync request this node refuses, with the HTTP status to answer.
public struct SyncRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 400 for a bad batch, 413 for one too large.
    public let status: Int
    /// What is wrong, naming the record when one is at fault.
    public let message: String

    public var description: String { message }
}

/// The node's side of the sync protocol, independent of the HTTP server that carries it.
public struct SyncEndpoint: Sendable {
    /// The node's store.
    public let store: LiaisonStore

    /// Serves sync requests from `store`.
    public init(store: LiaisonStore) {
        self.store = store
    }

    /// `GET /v1/node`.
    public func nodeInfo() async throws -> NodeInfo {
        NodeInfo(
            replicaID: store.identity.replicaID,
            office: store.identity.office,
            sequence: try await store.currentSequence(),
            pagedEvents: true,
            sizedPages: true
        )
    }

    /// `GET /v1/sync/changes?since=S&limit=N[&for=REPLICA][&events_since=E][&paged_events=1][&events_after=C][&max_bytes=B]`:
    /// the JSON page. `limit` and `maxBytes` are clamped to the batch limits; `requester` (the asking node's
    /// replica id) skips the states it sent; each state goes with its events after `eventsSince`
    /// (default `since`). Only for a client that asks (`pagedEvents`) may a page stop inside
    /// its one record's events, saying where they go on (`"events_after"`, asked for again as
    /// `eventsAfter`): a client that does not ask never sees the key, and gets each state whole.
    public func changes(
        since: Int64,
        limit: Int,
        requester: String?,
        eventsSince: Int64? = nil,
        pagedEvents: Bool = false,
        eventsAfter: EventCursor? = nil,
        maxBytes: Int = SyncProtocol.maxBatchBytes
    ) async throws -> String {
        let limit = min(max(limit, 1), SyncProtocol.maxBatchRecords)
        let page = try await store.changes(
            since: max(since, 0),
            limit: limit,
            maxBytes: SyncProtocol.batchBytes(maxBytes),
            excluding: requester,
            eventsSince: eventsSince,
            pagingEvents: pagedEvents,
            eventsAfter: eventsAfter
        )
        var writer = JSONWriter()
        writer.raw("{")
        if let cursor = page.eventsAfter {
            writer.raw("\"events_after\":")
            writer.string(cursor.text)
            writer.raw(",")
        }
        writer.raw("\"last_sequence\":\(page.lastSequence),\"more\":\(page.more),\"replica_id\":")
        writer.string(store.identity.replicaID)
        writer.raw(",\"states\":")
        writer.array(page.states) { $0.raw($1.json) }
        SentEvents.write(page.states.lazy.flatMap(\.events), to: &writer)
        writer.raw("}")
        return writer.output
    }

    /// `POST /v1/sync/changes`: merges a pushed batch atomically and acknowledges it only
    /// after it committed. A batch that is not well-formed is refused whole and nothing of it is
    /// applied; a state in it that breaks an intake rule is quarantined (listed in the answer's
    /// `quarantined`) and the rest merges. `token` is the name of the peer token the batch came
    /// with: the quarantine shows it beside the replica id the batch claims, and bounds each
    /// token's share (``BatchOrigin/push(claiming:token:)``).
    public func receive(body: Data, token: String) async throws -> PushAck {
        guard body.count <= SyncProtocol.maxBodyBytes else {
            throw SyncRequestError(status: 413, message: "batch of \(body.count) bytes is over the \(SyncProtocol.maxBodyBytes)-byte limit")
        }
        let batch: PushBody
        do {
            batch = try PushBody(json: body)
        } catch {
            throw SyncRequestError(status: 400, message: "bad batch: \(error.description)")
        }
        guard ReplicaID.isValid(batch.replicaID), batch.replicaID != store.identity.replicaID else {
            throw SyncRequestError(status: 400, message: "bad batch: invalid sender replica_id \"\(batch.replicaID)\"")
        }
        guard batch.states.count + batch.rejected.count <= SyncProtocol.maxBatchRecords else {
            throw SyncRequestError(
                status: 413,
                message: "batch of \(batch.states.count + batch.rejected.count) states is over the limit of \(SyncProtocol.maxBatchRecords)"
            )
        }
        let prepared = store.prepare(
            batch.states,
            events: batch.events.byRecord,
            rejected: batch.rejected,
            eventProblems: batch.events.problems
        )
        let summary = try await store.merge(prepared, from: batch.replicaID, origin: .push(claiming: batch.replicaID, token: token))
        return PushAck(
            merged: summary.merged,
            changed: summary.changed,
            conflicts: summary.conflicts,
            sequence: try await store.currentSequence(),
            quarantined: summary.quarantined
        )
    }
}
