import Dispatch
import Foundation
import LiaisonCore

extension LiaisonStore {
    /// Every matching record as it displays, with its version, in chunks, for a response that streams a whole
    /// list: one read transaction on a thread of its own runs at most two chunks ahead of the
    /// consumer, so memory stays bounded however many records match. Ending the iteration early
    /// (a client that went away) ends the read.
    public func displayedChunks(matching query: RecordQuery, chunkSize: Int = 500) -> DisplayedChunks {
        DisplayedChunks(store: self, query: query, chunkSize: max(1, chunkSize))
    }
}

/// The chunks of ``LiaisonStore/displayedChunks(matching:chunkSize:)``.
public struct DisplayedChunks: AsyncSequence, Sendable {
    public typealias Element = [VersionedRecord]

    let store: LiaisonStore
    let query: RecordQuery
    let chunkSize: Int

    public func makeAsyncIterator() -> Iterator {
        let credits = Credits(ahead: 2)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [VersionedRecord].self)
        continuation.onTermination = { _ in credits.cancel() }
        let (store, query, size) = (store, query, chunkSize)
        // A thread of its own, not `DispatchQueue.global()`: on Linux that is the pool Swift's
        // tasks run on, one thread a core, and a reader waiting for a slow download held one.
        let reader = Thread {
            do {
                var chunk: [VersionedRecord] = []
                try store.forEachDisplayed(matching: query) { record in
                    chunk.append(record)
                    guard chunk.count == size else { return }
                    try credits.take()
                    continuation.yield(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
                if !chunk.isEmpty {
                    try credits.take()
                    continuation.yield(chunk)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        reader.name = "liaison.list-read"
        reader.start()
        return Iterator(base: stream.makeAsyncIterator(), credits: credits)
    }

    /// Hands out chunks, letting the reader run one chunk further for each taken.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<[VersionedRecord], any Error>.Iterator
        let credits: Credits

        public mutating func next() async throws -> [VersionedRecord]? {
            let chunk = try await base.next()
            credits.give()
            return chunk
        }
    }

    /// How many chunks the reader may make before the consumer takes one; cancelled when the
    /// consumer stops.
    final class Credits: @unchecked Sendable {
        private let semaphore: DispatchSemaphore
        private let lock = NSLock()
        private var cancelled = false

        /// Room for `ahead` chunks. The semaphore starts at 0 and is given them: libdispatch
        /// stops the process when a semaphore is freed holding less than it was made with, which
        /// is where a consumer that stopped early (a download abandoned partway) leaves it.
        init(ahead: Int) {
            semaphore = DispatchSemaphore(value: 0)
            for _ in 0..<ahead { semaphore.signal() }
        }

        /// Waits for room; throws `CancellationError` once the consumer has stopped.
        func take() throws {
            semaphore.wait()
            if lock.withLock({ cancelled }) { throw CancellationError() }
        }

        func give() { semaphore.signal() }

        func cancel() {
            lock.withLock { cancelled = true }
            semaphore.signal()
        }
    }
}
