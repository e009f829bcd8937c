import GRDB

/// How far sync has come with each peer, in each direction: the sequences its checkpoints hold.
extension LiaisonStore {
    /// How far sync has come with the peer whose replica id is `peer` (0 when never).
    public func checkpoint(peer: String, direction: SyncDirection) async throws -> Int64 {
        try await database.read { db in try db.checkpoint(.records, peer: peer, direction: direction) }
    }

    /// Where sync with the peer whose replica id is `peer` stopped inside a record's events, if it
    /// did: the cursor of the last run that merged (pull) or was acknowledged (push) while the
    /// checkpoint stays before that record (docs/design.md §6). The next round goes on after it.
    public func eventsCursor(peer: String, direction: SyncDirection) async throws -> EventCursor? {
        try await database.read { db in try db.eventsCursor(peer: peer, direction: direction) }
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

    /// Records how far sync has come with a peer (outside a merge; e.g. a push acknowledged), and
    /// where it stopped inside the next record's events, if it did (``eventsCursor(peer:direction:)``).
    public func setCheckpoint(peer: String, direction: SyncDirection, sequence: Int64, eventsAfter: EventCursor? = nil) async throws {
        try await write { db in
            try db.setCheckpoint(.records, peer: peer, direction: direction, sequence: sequence, eventsAfter: eventsAfter)
        }
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

    /// Sets the sequence `table` holds for `peer` in `direction`, in this transaction; a records
    /// checkpoint also takes where sync stopped inside the next record's events (nil: it did not).
    func setCheckpoint(_ table: CheckpointTable, peer: String, direction: SyncDirection, sequence: Int64, eventsAfter: EventCursor? = nil) throws {
        switch table {
        case .records:
            try execute(
                sql: """
                    INSERT INTO checkpoint (peer_replica, direction, sequence, events_after) VALUES (?, ?, ?, ?)
                    ON CONFLICT(peer_replica, direction) DO UPDATE SET sequence = excluded.sequence, events_after = excluded.events_after
                    """,
                arguments: [peer, direction.rawValue, sequence, eventsAfter?.text]
            )
        case .events:
            try execute(
                sql: """
                    INSERT INTO event_checkpoint (peer_replica, direction, sequence) VALUES (?, ?, ?)
                    ON CONFLICT(peer_replica, direction) DO UPDATE SET sequence = excluded.sequence
                    """,
                arguments: [peer, direction.rawValue, sequence]
            )
        }
    }

    /// The cursor kept with the records checkpoint of `peer` in `direction`; nil when none, or
    /// when what is kept is not a cursor (it is then only a round's events sent again).
    func eventsCursor(peer: String, direction: SyncDirection) throws -> EventCursor? {
        try String.fetchOne(
            self,
            sql: "SELECT events_after FROM checkpoint WHERE peer_replica = ? AND direction = ?",
            arguments: [peer, direction.rawValue]
        ).flatMap(EventCursor.init(text:))
    }
}
