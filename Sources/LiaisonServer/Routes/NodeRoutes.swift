import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore
import LiaisonSync

/// `/v1/health`, `/v1/node` and `/v1/status`.
extension APIHandlers {
    @Sendable func health(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        .json(.object([("status", "ok")]))
    }

    @Sendable func node(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let info = try await endpoint.nodeInfo()
        return .json(
            .object([
                ("replica_id", .string(info.replicaID)),
                ("office", .string(info.office)),
                ("protocol", .int(Int64(info.protocolVersion))),
                ("sequence", .int(info.sequence)),
                ("push_encodings", .array(SyncCompression.pushEncodings.map { .string($0) })),
                ("paged_events", .bool(info.pagedEvents == true)),
                ("sized_pages", .bool(info.sizedPages == true)),
                ("release", .string(LiaisonRelease.version)),
            ])
        )
    }

    @Sendable func status(_ request: Request, _ context: LiaisonRequestContext) async throws -> Response {
        let counts = try await store.counts()
        let sequence = try await store.currentSequence()
        let peers = try await peerList()
        return .json(
            .object([
                (
                    "node",
                    .object([
                        ("replica_id", .string(store.identity.replicaID)),
                        ("office", .string(store.identity.office)),
                        ("sequence", .int(sequence)),
                    ])
                ),
                ("records", .int(Int64(counts.records))),
                ("conflicts", .int(Int64(counts.conflicted))),
                ("quarantined", .int(Int64(try await store.quarantinedCount()))),
                // Refused states the quarantine had no room for, since it was last emptied.
                ("quarantined_not_kept", .int(Int64(try await store.quarantinedNotKept()))),
                // A first sync in bulk: search finds the new records once it finishes.
                ("loading_in_bulk", .bool(try await store.indexesAreAside())),
                ("statuses", .object(counts.statuses.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
                ("peers", peers),
            ])
        )
    }

    /// Each peer with how sync with it has gone.
    func peerList() async throws -> JSON {
        let peers = try await store.peers()
        let statuses = Dictionary(try await store.peerStatuses().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return .array(
            peers.map { peer in
                let status = statuses[peer.name] ?? PeerStatus(name: peer.name)
                return .object([
                    ("name", .string(peer.name)),
                    ("url", .string(peer.url)),
                    ("replica_id", .string(status.replicaID)),
                    ("last_success", .time(status.lastSuccess)),
                    ("last_error", .string(status.lastError)),
                    ("last_error_at", .time(status.lastErrorAt)),
                    ("behind", .int(status.behind)),
                ])
            }
        )
    }
}
