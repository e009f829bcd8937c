import Foundation
import LiaisonCore
public import LiaisonStore

/// Sync protocol version 2 (docs/design.md §6, §10): routes, limits and the JSON bodies.
/// Version 2 sends each state's write events with it; nodes of different versions do not sync.
public enum SyncProtocol {
    /// The protocol version this build speaks.
    public static let version = 2
    /// Default and largest number of states in one batch.
    public static let maxBatchRecords = 500
    /// Default and largest size of one batch's states, in bytes.
    public static let maxBatchBytes = 4 << 20
    /// The smallest batch a node may be configured with (`sync.batch_bytes`), and the smallest a
    /// client may ask a page of the changes feed to keep within (`max_bytes`), in bytes.
    public static let minBatchBytes = 1 << 10
    /// `bytes` within ``minBatchBytes`` and ``maxBatchBytes``.
    public static func batchBytes(_ bytes: Int) -> Int {
        min(max(bytes, minBatchBytes), maxBatchBytes)
    }
    /// Largest request body a node accepts; larger ones get 413.
    public static let maxBodyBytes = 16 << 20
    /// The route of the node's identity.
    public static let nodePath = "/v1/node"
    /// The route of the changes feed (GET) and of pushed batches (POST).
    public static let changesPath = "/v1/sync/changes"
}

/// `GET /v1/node`: who a node is and how far its changes go.
public struct NodeInfo: Codable, Hashable, Sendable {
    /// The node's replica id.
    public let replicaID: String
    /// Its office slug.
    public let office: String
    /// The sync protocol version it speaks.
    public let protocolVersion: Int
    /// Its current local sequence.
    public let sequence: Int64
    /// The `Content-Encoding`s it accepts on a pushed batch (`["gzip"]`); `nil` from a node
    /// older than compression, which takes plain JSON only.
    public let pushEncodings: [String]?
    /// Whether it pages a record's events for a client that asks (`paged_events`, docs/design.md
    /// §6); `nil` from a node older than that, which is never asked.
    public let pagedEvents: Bool?
    /// Whether a client may ask for pages within fewer bytes than the default (`max_bytes`,
    /// docs/design.md §6); `nil` from a node older than that, which refuses the parameter and is
    /// never sent it.
    public let sizedPages: Bool?

    /// Makes the description of a node.
    public init(
        replicaID: String,
        office: String,
        protocolVersion: Int = SyncProtocol.version,
        sequence: Int64,
        pushEncodings: [String]? = nil,
        pagedEvents: Bool? = nil,
        sizedPages: Bool? = nil
    ) {
        self.replicaID = replicaID
        self.office = office
        self.protocolVersion = protocolVersion
        self.sequence = sequence
        self.pushEncodings = pushEncodings
        self.pagedEvents = pagedEvents
        self.sizedPages = sizedPages
    }

    enum CodingKeys: String, CodingKey {
        case replicaID = "replica_id"
        case office
        case protocolVersion = "protocol"
        case sequence
        case pushEncodings = "push_encodings"
        case pagedEvents = "paged_events"
        case sizedPages = "sized_pages"
    }
}

/// The answer to a pushed batch: what merging it did, sent only after it committed.
public struct PushAck: Codable, Hashable, Sendable {
    /// States merged.
    public let merged: Int
    /// Records whose state changed.
    public let changed: Int
    /// Changed records now in conflict.
    public let conflicts: Int
    /// The receiver's sequence after the merge.
    public let sequence: Int64
    /// The states it quarantined instead of merging.
    public var quarantined: [Quarantined]
}

/// A page of the changes feed as it travels: `{"replica_id", "last_sequence", "more", "states": [...],
/// "events": [...]}`, and `"events_after"` when it stops inside its one record's events.
struct ChangesBody {
    let replicaID: String
    let lastSequence: Int64
    let more: Bool
    let eventsAfter: EventCursor?
    let states: [RecordState]
    let rejected: [RejectedState]
    let events: SentEvents

    /// The page from its JSON: states parsed by ``StateEnvelope/parse(_:statesKey:)``, events with them.
    init(json: Data) throws(StateDecodingError) {
        let envelope = try StateEnvelope.parse(json)
        replicaID = try envelope.string("replica_id")
        lastSequence = try envelope.integer("last_sequence")
        more = try envelope.bool("more")
        if envelope.fields["events_after"] == nil {
            eventsAfter = nil
        } else {
            guard let cursor = EventCursor(text: try envelope.string("events_after")) else {
                throw StateDecodingError(recordID: nil, problem: "at events_after: expected RECORD~SEQUENCE~REPLICA~COUNTER")
            }
            eventsAfter = cursor
        }
        states = envelope.states
        rejected = envelope.rejected
        events = envelope.events
    }
}

/// A pushed batch as it travels: `{"replica_id", "states": [...], "events": [...]}`.
struct PushBody {
    let replicaID: String
    let states: [RecordState]
    let rejected: [RejectedState]
    let events: SentEvents

    /// The batch from its JSON: states parsed by ``StateEnvelope/parse(_:statesKey:)``, events with them.
    init(json: Data) throws(StateDecodingError) {
        let envelope = try StateEnvelope.parse(json)
        replicaID = try envelope.string("replica_id")
        states = envelope.states
        rejected = envelope.rejected
        events = envelope.events
    }
}
