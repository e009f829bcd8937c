import Foundation
import GRDB
import LiaisonCore
import LiaisonStore
import TestProcesses
import Testing

/// A local write waits for a busy store at most its wait, counted from when it arrives, whatever
/// holds the store; then it fails as busy (503 over HTTP) and nothing of it is written
/// (docs/design.md §5, "Group commit").
@Suite("A local write waiting for a busy store", .serialized, .offThePool)
struct StoreBusyWriteTests {
    /// The wait the stores under test give a write, in seconds (a node's is 10).
    static let wait = 2.0
    /// How soon the busy answer must come: well before SQLite's own 10 s wait for the lock, which
    /// is what a write waited without the deadline from arrival (and, behind a merge, the merge's
    /// 10 s first), so this fails without it. The margin over ``wait`` is for a machine busy with
    /// every other suite, where the test's task resumes late: it once read 8 s for a 4 s wait.
    /// The suite runs off the pool, so that its tasks do not wait for one of the pool's threads
    /// either (with two cores, two): it read 9 s and 21 s for a 2 s wait on it.
    static let answeredWithin = 8.0

    /// A store over the fixture's file whose writes wait ``wait``.
    static func store(_ fixture: StoreFixture) throws -> LiaisonStore {
        try LiaisonStore(directory: fixture.directory, schema: .core, writeWait: wait)
    }

    /// Another connection's transaction holding the store's write lock, as a `liaison import` of
    /// a large file does from another process.
    static func holdLock(_ fixture: StoreFixture) async throws -> HeldStoreLock {
        try await HeldStoreLock.take(path: fixture.directory.appendingPathComponent(LiaisonStore.fileName).path)
    }

    /// Edits the notes of `id`: whether the store answered busy, and after how many seconds.
    static func timedEdit(_ store: LiaisonStore, _ id: String) async -> (busy: Bool, seconds: Double, answer: String) {
        let start = ContinuousClock.now
        do {
            _ = try await store.update(id: id, ["notes": .text("Waited for the store")], readContext: nil, author: "asha")
            return (false, (ContinuousClock.now - start) / .seconds(1), "written")
        } catch {
            let busy = (error as? DatabaseError)?.resultCode == .SQLITE_BUSY
            return (busy, (ContinuousClock.now - start) / .seconds(1), "\(error)")
        }
    }

    @Test func aWriteWhileAnotherProcessHoldsTheStoreFailsBusyWithinItsWait() async throws {
        let fixture = try StoreFixture()
        let store = try Self.store(fixture)
        let made = try await fixture.add()
        let other = try await Self.holdLock(fixture)
        let edit = await Self.timedEdit(store, made.id)
        try await other.release()

        #expect(edit.busy, "\(edit.answer)")
        #expect(edit.seconds < Self.answeredWithin, "answered after \(edit.seconds) s")
        #expect(try await store.state(id: made.id) == made, "nothing of the refused write is kept")
        #expect(await Self.timedEdit(store, made.id).answer == "written", "the store takes writes again")
    }

    @Test func aWriteBehindAMergeWaitingForTheStoreFailsBusyWithinItsWaitFromArrival() async throws {
        let fixture = try StoreFixture()
        let store = try Self.store(fixture)
        let made = try await fixture.add()
        var pulled = RecordState(id: RecordID.make())
        try pulled.write(
            [
                "type": .text("investment"), "title": .text("From Chennai"), "office": .text("chennai"),
                "tracks": .list(["sccp"]), "status": .text("identified"),
            ],
            readContext: .empty,
            replica: "chennai.abc123",
            meta: WriteMeta(author: "priya", at: 1_767_225_600_000)
        )
        let other = try await Self.holdLock(fixture)
        // A sync's merge takes the store's writer first, and waits for the lock (its own wait
        // from arrival); the write arrives behind it. It used to wait for the merge, then as long
        // again for the lock itself: 20 s in all on a node.
        let merging = Task { [pulled] in try await store.merge([pulled], from: "chennai.abc123") }
        try await Task.sleep(for: .milliseconds(300))
        let edit = await Self.timedEdit(store, made.id)
        try await other.release()
        var mergeFailedBusy = false
        do { _ = try await merging.value } catch { mergeFailedBusy = LiaisonStore.isBusy(error) }

        #expect(edit.busy, "\(edit.answer)")
        #expect(edit.seconds < Self.answeredWithin, "answered after \(edit.seconds) s")
        #expect(try await store.state(id: made.id) == made, "nothing of the refused write is kept")
        #expect(mergeFailedBusy, "the merge waited its own wait too, and merged nothing")
        #expect(try await store.state(id: pulled.id) == nil)
        #expect(try await store.merge([pulled], from: "chennai.abc123").changed == 1, "merged again once the lock was free")
        #expect(await Self.timedEdit(store, made.id).answer == "written", "the store takes writes again")
    }

    @Test func writesOfEveryKindQueuedAtOnceEachFailBusyWithinTheirWaitFromArrival() async throws {
        let fixture = try StoreFixture()
        let store = try Self.store(fixture)
        let other = try await Self.holdLock(fixture)
        // A token, a peer, a peer's sync status and a quarantine entry dropped, all at once:
        // GRDB's writer runs them one after another, and each used to wait SQLite's 10 s for the
        // lock once it began (the fourth answered after 40 s).
        let start = ContinuousClock.now
        let answers = await withTaskGroup(of: (String, Bool, Double).self) { group in
            func timed(_ name: String, _ write: @escaping @Sendable () async throws -> Void) {
                group.addTask {
                    do {
                        try await write()
                        return (name, false, (ContinuousClock.now - start) / .seconds(1))
                    } catch {
                        return (name, LiaisonStore.isBusy(error), (ContinuousClock.now - start) / .seconds(1))
                    }
                }
            }
            timed("token") { _ = try await store.createToken(name: "bot", role: .editor) }
            timed("peer") { try await store.addPeer(PeerRecord(name: "chennai", url: "http://127.0.0.1:1", tokenFile: "/dev/null"), now: 0) }
            timed("status") { try await store.savePeerStatus(PeerStatus(name: "chennai")) }
            timed("quarantine") { try await store.dropQuarantined(id: 1) }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try await other.release()

        for (name, busy, seconds) in answers {
            #expect(busy, "\(name) answered busy")
            #expect(seconds < Self.answeredWithin, "\(name) answered after \(seconds) s")
        }
        #expect(try await store.peers().isEmpty, "nothing of the refused writes is kept")
        _ = try await store.createToken(name: "bot", role: .editor)
    }
}
