import GRDB
public import LiaisonCore

/// How far sync has come with each peer, in each direction: the sequences its checkpoints hold.
extension LiaisonStore {
    /// How far sync has come with the peer whose replica id is `peer` (0 when never).
    public func checkpoint(peer: String, direction: SyncDirection) async throws -> Int64 {
        try await database.read { db in try db.checkpoint(.records, peer: peer, direction: direction) }
    }

    /// Where the peer whose replica id is `peer` may lack events (0 when never synced with the log):
    /// the checkpoint at which the last complete pass of sync in `direction` started.
    public func eventCheckpoint(peer: String, direction: SyncDirection) async throws -> Int64 {
        try await database.read { db in try db.checkpoint(.events, peer: peer, direction: direction) }
    }

    /// Records that a pass of sync with a peer completed up to `sequence`: every record up to it
    /// went with the events the peer lacked.
    public func setEventCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) async throws {
        try await write { db in try db.setCheckpoint(.events, peer: peer, direction: direction, sequence: sequence) }
    }

    /// Records how far sync has come with a peer (outside a merge; e.g. a push acknowledged).
    public func setCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) async throws {
        try await write { db in try db.setCheckpoint(.records, peer: peer, direction: direction, sequence: sequence) }
    }
}

/// The store's two kinds of sync checkpoint, each one sequence per peer and direction.
enum CheckpointTable: String {
    /// How far sync has come: every record up to the sequence went (``LiaisonStore/checkpoint(peer:direction:)``).
    case records = "checkpoint"
    /// Where the peer may lack events (``LiaisonStore/eventCheckpoint(peer:direction:)``).
    case events = "event_checkpoint"
}

extension Database {
    /// The sequence `table` holds for `peer` in `direction` (0 when none).
    func checkpoint(_ table: CheckpointTable, peer: String, direction: SyncDirection) throws -> Int64 {
        try Int64.fetchOne(
            self,
            sql: "SELECT sequence FROM \(table.rawValue) WHERE peer_replica = ? AND direction = ?",
            arguments: [peer, direction.rawValue]
        ) ?? 0
    }

    /// Sets the sequence `table` holds for `peer` in `direction`, in this transaction.
    func setCheckpoint(_ table: CheckpointTable, peer: String, direction: SyncDirection, sequence: Int64) throws {
        try execute(
            sql: """
                INSERT INTO \(table.rawValue) (peer_replica, direction, sequence) VALUES (?, ?, ?)
                ON CONFLICT(peer_replica, direction) DO UPDATE SET sequence = excluded.sequence
                """,
            arguments: [peer, direction.rawValue, sequence]
        )
    }
}
