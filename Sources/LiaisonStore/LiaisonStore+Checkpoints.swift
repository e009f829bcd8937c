import GRDB
public import LiaisonCore

/// How far sync has come with each peer, in each direction: the sequences its checkpoints hold.
extension LiaisonStore {
    /// How far sync has come with the peer whose replica id is `peer` (0 when never).
    public func checkpoint(peer: String, direction: SyncDirection) async throws -> Int64 {
        try await database.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT sequence FROM checkpoint WHERE peer_replica = ? AND direction = ?",
                arguments: [peer, direction.rawValue]
            ) ?? 0
        }
    }

    /// Where the peer whose replica id is `peer` may lack events (0 when never synced with the log):
    /// the checkpoint at which the last complete pass of sync in `direction` started.
    public func eventCheckpoint(peer: String, direction: SyncDirection) async throws -> Int64 {
        try await database.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT sequence FROM event_checkpoint WHERE peer_replica = ? AND direction = ?",
                arguments: [peer, direction.rawValue]
            ) ?? 0
        }
    }

    /// Records that a pass of sync with a peer completed up to `sequence`: every record up to it
    /// went with the events the peer lacked.
    public func setEventCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO event_checkpoint (peer_replica, direction, sequence) VALUES (?, ?, ?)
                    ON CONFLICT(peer_replica, direction) DO UPDATE SET sequence = excluded.sequence
                    """,
                arguments: [peer, direction.rawValue, sequence]
            )
        }
    }

    /// Records how far sync has come with a peer (outside a merge; e.g. a push acknowledged).
    public func setCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) async throws {
        try await write { db in
            try db.setCheckpoint(peer: peer, direction: direction, sequence: sequence)
        }
    }
}

extension Database {
    /// Sets the checkpoint with `peer` in `direction` to `sequence`, in this transaction.
    func setCheckpoint(peer: String, direction: SyncDirection, sequence: Int64) throws {
        try execute(
            sql: """
                INSERT INTO checkpoint (peer_replica, direction, sequence) VALUES (?, ?, ?)
                ON CONFLICT(peer_replica, direction) DO UPDATE SET sequence = excluded.sequence
                """,
            arguments: [peer, direction.rawValue, sequence]
        )
    }
}
