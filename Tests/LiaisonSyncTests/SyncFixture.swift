import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import Synchronization

/// Two offices with real stores in a temporary directory: `here` syncs with `there` through
/// an ``InProcessPeer``. Removed when the fixture goes away.
final class SyncFixture: Sendable {
    let directory: URL
    let here: LiaisonStore
    let there: LiaisonStore
    let peer: InProcessPeer
    /// `there` as `here` knows it.
    let record: PeerRecord

    /// `writeWait` is how long a write at `here` waits for its store (10 s, as a node's).
    init(writeWait: Double = LiaisonStore.busyWait) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-sync-tests-\(UUID().uuidString)")
        for (name, office) in [("here", "mumbai"), ("there", "chennai")] {
            try LiaisonStore.initialise(directory: directory.appendingPathComponent(name), office: office)
        }
        here = try LiaisonStore(directory: directory.appendingPathComponent("here"), schema: .core, writeWait: writeWait)
        there = try LiaisonStore(directory: directory.appendingPathComponent("there"), schema: .core)
        peer = InProcessPeer(there)
        let tokenFile = directory.appendingPathComponent("there.token")
        try "a-peer-token".write(to: tokenFile, atomically: true, encoding: .utf8)
        record = PeerRecord(name: "chennai", url: "http://chennai.test:8080", tokenFile: tokenFile.path)
        try await here.addPeer(record, now: 1)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An engine at `here` over the in-process peer, `batch` states a page.
    func engine(batch: Int = 2) -> SyncEngine {
        SyncEngine(store: here, transport: peer, configuration: SyncConfiguration(batchRecords: batch))
    }

    /// Adds `count` records at `store`.
    func add(_ count: Int, at store: LiaisonStore, title: String = "Lithium JV") async throws {
        for index in 0..<count {
            let values = try store.schema.parseAssignments(
                ["type=investment", "title=\(title) \(index)", "tracks=critical_minerals"])
            _ = try await store.create(values, author: "asha")
        }
    }

    /// Makes a record at `store` and saves it `edits` times, each with notes of `length` of
    /// `character` after the edit's number: a record with a long history. Returns its id.
    func longRecord(savedTimes edits: Int, notes length: Int, of character: Character = "n", at store: LiaisonStore) async throws -> String {
        let values = try store.schema.parseAssignments(["type=investment", "title=Lithium JV", "tracks=critical_minerals"])
        let id = try await store.create(values, author: "asha").id
        for edit in 1...edits {
            let notes = "edit \(edit) " + String(repeating: character, count: length)
            _ = try await store.update(id: id, ["notes": .text(notes)], readContext: nil, author: "asha")
        }
        return id
    }

    /// How many pages `store`'s feed gives from the start, in pages of at most `maxBytes`: a
    /// record whose events do not fit one counts once for each run of them.
    static func feedPages(of store: LiaisonStore, maxBytes: Int) async throws -> Int {
        var (pages, since, after): (Int, Int64, EventCursor?) = (0, 0, nil)
        while true {
            let page = try await store.changes(since: since, limit: 500, maxBytes: maxBytes, pagingEvents: true, eventsAfter: after)
            if !page.states.isEmpty { pages += 1 }
            if !page.more { return pages }
            (since, after) = (page.lastSequence, page.eventsAfter)
        }
    }

    /// The record's events as `store`'s history holds them, oldest first.
    static func events(of id: String, at store: LiaisonStore) async throws -> [WriteEvent] {
        try await store.history(id: id)?.map(\.event).reversed() ?? []
    }

    /// How far `here` has pulled from `there`, and how far `there` acknowledged `here`'s pushes.
    func checkpoints() async throws -> (pull: Int64, push: Int64) {
        let replica = there.identity.replicaID
        return (
            try await here.checkpoint(peer: replica, direction: .pull),
            try await here.checkpoint(peer: replica, direction: .push)
        )
    }

    /// The ids of every record a store holds.
    func ids(_ store: LiaisonStore) async throws -> Set<String> {
        Set(try await store.displayedRecords().map(\.id))
    }

    /// What `here` saved of the peer's last sync.
    func status() async throws -> PeerStatus? {
        try await here.peerStatuses().first { $0.name == record.name }
    }
}

/// The requests that timed out and went again smaller, as an engine reported them, heard either
/// as its metrics or through a sync's progress (``progress``): for each, its direction and the
/// bytes it went on at.
final class HeardTimeouts: SyncMetrics {
    private let heard = Mutex<[(direction: SyncDirection, bytes: Int)]>([])

    var directions: [SyncDirection] { heard.withLock { $0.map(\.direction) } }
    var bytes: [Int] { heard.withLock { $0.map(\.bytes) } }

    /// To pass as a sync's `progress`: hears its timeouts.
    var progress: @Sendable (SyncProgress) -> Void {
        { if case .timedOut(let peer, let direction, let bytes) = $0 { self.timedOut(peer: peer, direction: direction, bytes: bytes) } }
    }

    /// Forgets what it heard.
    func forget() { heard.withLock { $0 = [] } }

    func timedOut(peer: String, direction: SyncDirection, bytes: Int) { heard.withLock { $0.append((direction, bytes)) } }
    func pulledBatch(peer: String, states: Int, bytes: Int, conflicts: Int) {}
    func pushedBatch(peer: String, states: Int, bytes: Int) {}
    func syncSucceeded(peer: String, seconds: Double, at unixSeconds: Double) {}
    func syncFailed(peer: String, seconds: Double) {}
    func quarantined(peer: String, states: Int) {}
}
