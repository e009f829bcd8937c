import Foundation
import Synchronization
import Testing

@testable import LiaisonSync

/// The pull's reading ahead (docs/design.md §6): the feed is read while the pages before are
/// merged, never more than `ahead` pages beyond those taken, and in order.
@Suite("Reading the changes feed ahead")
struct PullPipelineTests {
    /// The pages a feed of ten pages (sequences 10 to 100) was asked for, by their `since`.
    final class Feed: Sendable {
        let asked = Mutex<[Int64]>([])
        /// The `since` of a page that fails instead of arriving.
        let failing: Int64?

        init(failing: Int64? = nil) { self.failing = failing }

        func page(since: Int64) throws -> (page: ChangesBody, bytes: SyncBytes) {
            asked.withLock { $0.append(since) }
            if since == failing { throw SyncError(peer: "chennai", "connection dropped") }
            let json = #"{"replica_id":"chennai.k3f9q2","last_sequence":\#(since + 10),"more":\#(since + 10 < 100),"states":[]}"#
            return (try ChangesBody(json: Data(json.utf8)), SyncBytes(wire: json.utf8.count, plain: json.utf8.count))
        }

        var count: Int { asked.withLock { $0.count } }
    }

    /// Waits (up to 10 s) until `condition` holds.
    func eventually(_ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(10)
        while !condition() && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test("the feed is read while no page is taken, up to `ahead` pages, then in step with what is taken")
    func readsAheadWithinItsBound() async throws {
        let fixture = try await SyncFixture()
        let feed = Feed()
        var pages = PullPipeline(since: 0, ahead: 3, store: fixture.here) { since, _, _ in try feed.page(since: since) }
        defer { pages.cancel() }
        // Nobody has asked for a page (the engine is merging): three are read, and no more.
        try await eventually { feed.count == 3 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(feed.count == 3)
        // Each page taken makes room for one more.
        #expect(try await pages.next()?.body.lastSequence == 10)
        try await eventually { feed.count == 4 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(feed.count == 4)
        var taken: [Int64] = [10]
        while let page = try await pages.next() { taken.append(page.body.lastSequence) }
        #expect(taken == Array(stride(from: 10, through: 100, by: 10)))
        #expect(feed.asked.withLock { $0 } == Array(stride(from: 0, through: 90, by: 10)))
    }

    @Test("a page that fails comes after the good pages before it, and the feed is read no further")
    func aFailureComesInOrder() async throws {
        let fixture = try await SyncFixture()
        let feed = Feed(failing: 30)
        var pages = PullPipeline(since: 0, ahead: 4, store: fixture.here) { since, _, _ in try feed.page(since: since) }
        defer { pages.cancel() }
        // The page after sequence 30 fails: the three before it come first.
        #expect(try await pages.next()?.body.lastSequence == 10)
        #expect(try await pages.next()?.body.lastSequence == 20)
        #expect(try await pages.next()?.body.lastSequence == 30)
        await #expect(throws: SyncError.self) { try await pages.next() }
        #expect(try await pages.next() == nil)
        #expect(feed.asked.withLock { $0 } == [0, 10, 20, 30])
    }

    @Test("a page that timed out is asked for again at half the largest full page that came, else at half what was asked")
    func aTimedOutPageIsAskedForAgainSmaller() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(30, at: fixture.there)
        let endpoint = SyncEndpoint(store: fixture.there)
        // Pages of 10 records, taken to be 200 KB however many bytes are asked for, over a link that
        // carries 150 KB in the time allowed once the first came. Asked for 10 records a page, the
        // pages are full: the one that timed out is likely as large as they are. Asked for 11, they
        // are not (as when the next record is too large to join): they say nothing of its size.
        for (recordsPerPage, halvings) in [(10, [100_000]), (11, [2_097_152, 1_048_576, 524_288, 262_144, 131_072])] {
            let asked = Mutex<[Int]>([])
            let smaller = Mutex<[Int]>([])
            var pages = PullPipeline(
                since: 0,
                pageBytes: SyncProtocol.maxBatchBytes,
                recordsPerPage: recordsPerPage,
                ahead: 2,
                store: fixture.here,
                askingSmaller: { bytes in smaller.withLock { $0.append(bytes) } }
            ) { since, _, maxBytes in
                asked.withLock { $0.append(maxBytes ?? 0) }
                let size = min(maxBytes ?? .max, 200_000)
                if since > 0, size > 150_000 { throw SyncError(peer: "chennai", "timed out after 30 s", timedOut: true) }
                let json = try await endpoint.changes(since: since, limit: 10, requester: nil)
                return (try ChangesBody(json: Data(json.utf8)), SyncBytes(wire: size, plain: size))
            }
            defer { pages.cancel() }
            var taken: [Int64] = []
            while let page = try await pages.next() { taken.append(page.body.lastSequence) }
            #expect(taken == [10, 20, 30])
            #expect(smaller.withLock { $0 } == halvings)
            // The first page at the size asked, then the one that timed out at each size, then the last at the last size.
            #expect(asked.withLock { $0 } == [SyncProtocol.maxBatchBytes, SyncProtocol.maxBatchBytes] + halvings + [halvings.last!])
        }
    }
}
