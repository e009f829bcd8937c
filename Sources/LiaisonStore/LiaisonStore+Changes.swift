import Foundation
import GRDB
import LiaisonCore

/// A page of the changes feed: each record once, at the sequence of its latest change.
public struct ChangesPage: Sendable {
    /// One record's whole state in canonical JSON, with its local sequence.
    public struct Change: Sendable {
        /// The local sequence of the record's latest change.
        public let sequence: Int64
        /// The record's state in canonical JSON.
        public let json: String
    }

    /// The states, in sequence order.
    public let states: [Change]
    /// The sequence of the last state in the page (or `since` when the page is empty).
    public let lastSequence: Int64
    /// Whether more changes follow.
    public let more: Bool
}

/// A batch of states checked against the schema, with what the store keeps beside each one
/// worked out (``LiaisonStore/prepare(_:)``), ready to merge.
public struct PreparedBatch: Sendable {
    let rows: [RecordRow]

    /// How many states the batch holds.
    public var count: Int { rows.count }
}

/// What merging a batch did.
public struct MergeSummary: Hashable, Sendable {
    /// States received.
    public var merged = 0
    /// Records whose state changed (each took a new local sequence).
    public var changed = 0
    /// Changed records that now have a field in conflict.
    public var conflicts = 0

    /// An empty summary.
    public init() {}
}

/// How far sync has come with one peer, in one direction.
public enum SyncDirection: String, Sendable {
    /// The peer's sequence up to which its changes were merged here.
    case pull
    /// This node's sequence up to which the peer acknowledged our changes.
    case push
}

extension LiaisonStore {
    /// States with sequence > `since`, in order: at most `limit` states and, past the first,
    /// at most `maxBytes` of JSON.
    ///
    /// States that the replica `excluding` sent us exactly as they are are skipped (it holds
    /// them already); `lastSequence` still moves past them, so its checkpoint advances.
    public func changes(
        since: Int64, limit: Int, maxBytes: Int = .max, excluding: String? = nil
    ) async throws -> ChangesPage {
        try await database.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT seq, state FROM record WHERE seq > ? AND (source IS NULL OR source IS NOT ?)
                ORDER BY seq LIMIT ?
                """)
            let rows = try Row.fetchCursor(statement, arguments: [since, excluding, limit + 1])
            var states: [ChangesPage.Change] = []
            var bytes = 0
            var more = false
            while let row = try rows.next() {
                let json: String = row[1]
                if states.count == limit || (!states.isEmpty && bytes + json.utf8.count > maxBytes) {
                    more = true
                    break
                }
                bytes += json.utf8.count
                states.append(.init(sequence: row[0], json: json))
            }
            let last = more ? states.last!.sequence : try Int64.fetchOne(db, sql: "SELECT sequence FROM node")!
            return ChangesPage(states: states, lastSequence: max(last, since), more: more)
        }
    }

    /// Merges a batch of states from another node in ONE transaction, together with the
    /// checkpoint that says how far the batch came (docs/design.md §5). A state that changes the
    /// stored one takes a new local sequence; one that changes nothing takes none.
    ///
    /// Every state is checked against the schema first: a bad state refuses the whole batch
    /// (``StoreError`` `.invalid` naming the record) and nothing of it is applied.
    ///
    /// `source` is the replica id of the node the batch came from, when known: records whose
    /// merged state is exactly what it sent are not sent back to it.
    public func merge(
        _ states: [RecordState], from source: String? = nil,
        checkpoint: (peer: String, direction: SyncDirection, sequence: Int64)? = nil
    ) async throws -> MergeSummary {
        try await merge(try prepare(states), from: source, checkpoint: checkpoint)
    }

    /// Checks a batch against the schema and works out what the store keeps beside each state,
    /// outside any transaction, so that sync can prepare the next batch while one merges.
    /// - Throws: ``StoreError`` `.invalid` naming the first bad record.
    public func prepare(_ states: [RecordState]) throws -> PreparedBatch {
        for state in states {
            do { try schema.checkState(state) } catch { throw StoreError(.invalid, error.description) }
        }
        return PreparedBatch(rows: states.map(RecordRow.init))
    }

    /// Merges a prepared batch (see ``merge(_:from:checkpoint:)-(RecordState…)``): a record not
    /// yet stored is saved as prepared; one already stored is merged with it.
    public func merge(
        _ batch: PreparedBatch, from source: String? = nil,
        checkpoint: (peer: String, direction: SyncDirection, sequence: Int64)? = nil
    ) async throws -> MergeSummary {
        try await database.write { db in
            var summary = MergeSummary()
            let storedJSON = try db.storedStates(ids: batch.rows.map(\.state.id))
            // Sequences are taken in order here and recorded once, after the batch.
            let first = try Int64.fetchOne(db, sql: "SELECT sequence FROM node")! + 1
            var next = first
            var savedHere: [String: RecordState] = [:]
            for prepared in batch.rows {
                summary.merged += 1
                let incoming = prepared.state
                let row: RecordRow
                let fromSource: Bool
                // A record met earlier in this batch merges with what was just saved.
                let earlier = savedHere[incoming.id]
                if let stored = try earlier ?? storedJSON[incoming.id].map({ try RecordState(json: Data($0.utf8)) }) {
                    let merged: RecordState
                    do { merged = try stored.merged(with: incoming) } catch { throw StoreError(.invalid, "\(error)") }
                    if merged == stored { continue }
                    fromSource = merged == incoming
                    row = fromSource ? prepared : RecordRow(merged)
                } else {
                    (row, fromSource) = (prepared, true)
                }
                try db.insert(row, at: next, source: fromSource ? source : nil)
                savedHere[incoming.id] = row.state
                next += 1
                summary.changed += 1
                if row.conflicted { summary.conflicts += 1 }
            }
            if next > first { try db.execute(sql: "UPDATE node SET sequence = ?", arguments: [next - 1]) }
            if let checkpoint {
                try db.setCheckpoint(peer: checkpoint.peer, direction: checkpoint.direction, sequence: checkpoint.sequence)
            }
            return summary
        }
    }

    /// How far sync has come with the peer whose replica id is `peer` (0 when never).
    public func checkpoint(peer: String, direction: SyncDirection) async throws -> Int64 {
        try await database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT sequence FROM checkpoint WHERE peer_replica = ? AND direction = ?",
                arguments: [peer, direction.rawValue]) ?? 0
        }
    }

    /// Records how far sync has come with a peer (outside a merge; e.g. a push acknowledged).
    public func setCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) async throws {
        try await database.write { db in
            try db.setCheckpoint(peer: peer, direction: direction, sequence: sequence)
        }
    }
}

extension Database {
    func setCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) throws {
        try execute(
            sql: """
                INSERT INTO checkpoint (peer_replica, direction, sequence) VALUES (?, ?, ?)
                ON CONFLICT(peer_replica, direction) DO UPDATE SET sequence = excluded.sequence
                """,
            arguments: [peer, direction.rawValue, sequence])
    }
}
