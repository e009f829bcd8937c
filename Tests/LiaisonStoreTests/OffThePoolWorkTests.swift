import LiaisonCore
import LiaisonStore
import Synchronization
import TestProcesses
import Testing

/// The store's blocking work runs beside Swift's cooperative pool, not on it (on two cores that
/// pool is two threads): a burst of sign-ins keeps both cores hashing, and two slow downloads
/// wait on their readers. With that work on the pool the node answered nothing else, not even
/// `/v1/status`, until it was done.
@Suite(.offThePool)
struct OffThePoolWorkTests {
    @Test func aPasswordIsHashedAndCheckedWhileEveryThreadOfThePoolIsBusy() throws {
        let checked = Mutex<Bool?>(nil)
        let pool = BusyCooperativePool()
        defer { pool.stop() }
        // A hash takes well under a second; the pool stays busy until the end of the wait.
        let finished = pool.runs(within: 20) {
            let hash = try? await PasswordHash.make("correct horse battery")
            let matches = await PasswordHash.verify("correct horse battery", against: hash ?? "")
            checked.withLock { $0 = matches }
        }
        #expect(finished, "the hashing waited for the pool")
        #expect(checked.withLock { $0 } == true, "the password checks against its hash")
    }

    @Test func aWholeListStreamsWhileEveryThreadOfThePoolIsBusy() async throws {
        let fixture = try StoreFixture()
        for title in ["Lithium JV", "Cobalt JV", "Nickel JV", "Graphite JV", "Copper JV"] {
            try await fixture.add(title)
        }
        let store = fixture.store
        let streamed = Mutex<[Int]>([])
        let pool = BusyCooperativePool()
        defer { pool.stop() }
        // One record a chunk: the reader runs two chunks ahead, then waits for the consumer.
        let finished = pool.runs(within: 20) {
            do {
                for try await chunk in store.displayedChunks(matching: RecordQuery(), chunkSize: 1) {
                    streamed.withLock { $0.append(chunk.count) }
                }
            } catch {
                Issue.record(error)
            }
        }
        #expect(finished, "the list's reader waited for the pool")
        #expect(streamed.withLock { $0 } == [1, 1, 1, 1, 1])
    }
}
