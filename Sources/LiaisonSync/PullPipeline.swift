import LiaisonCore
import LiaisonStore

/// The pages of a peer's changes feed from a checkpoint on, each fetched, parsed, checked
/// against the schema and prepared for the store up to `ahead` pages before it is taken.
///
/// One task reads the feed, a page after another (where a page starts is known once the one
/// before it arrived), and starts preparing each as it comes; it goes on while the caller
/// merges, so that reading the next pages and merging these overlap. The peer's feed does not
/// depend on our merges, so reading ahead is safe; the caller still merges the pages in order,
/// each with its checkpoint. Memory stays bounded: at most `ahead` pages wait to be taken.
struct PullPipeline {
    /// One page, ready to merge.
    struct Page {
        let body: ChangesBody
        let batch: PreparedBatch
        let bytes: SyncBytes
    }

    /// A page read from the feed, its preparing under way.
    private struct Fetched: Sendable {
        let body: ChangesBody
        let bytes: SyncBytes
        let prepare: Task<PreparedBatch, Never>
    }

    private var pages: AsyncStream<Result<Fetched, any Error>>.Iterator
    /// One for each page the reader may read beyond those taken.
    private let room: AsyncStream<Void>.Continuation
    private let reader: Task<Void, Never>

    /// A pipeline reading the feed after `since` (and, inside the first record's events, after
    /// `eventsAfter`) with `fetchPage`, which is given where the page before stopped inside a
    /// record's events, if it did, and the bytes a page is to keep within (`nil`: the peer's
    /// default). With `pageBytes`, a page that timed out is asked for again at half of them, or
    /// at half the largest page that came full (`recordsPerPage` states) if that is smaller, and
    /// so are the pages after it, down to ``SyncEngine/smallestTimedOutBatch``; `askingSmaller`
    /// hears each new size.
    init(
        since: Int64,
        eventsAfter: EventCursor? = nil,
        pageBytes: Int? = nil,
        recordsPerPage: Int = SyncProtocol.maxBatchRecords,
        ahead: Int,
        store: LiaisonStore,
        askingSmaller: @escaping @Sendable (Int) -> Void = { _ in },
        fetchPage: @escaping @Sendable (Int64, EventCursor?, Int?) async throws -> (page: ChangesBody, bytes: SyncBytes)
    ) {
        let (pages, fetched) = AsyncStream<Result<Fetched, any Error>>.makeStream()
        let (places, room) = AsyncStream<Void>.makeStream()
        for _ in 0..<max(ahead, 1) { room.yield() }
        reader = Task {
            var places = places.makeAsyncIterator()
            var since = since
            // Set while a record's events come over several pages (the page's `events_after`).
            var eventsAfter = eventsAfter
            var pageBytes = pageBytes
            // A page full by its count of records stopped before the bytes asked: the pages after
            // it are likely of its size, so one that timed out is halved from there. (A page that
            // is short for other reasons, the next record too large to join it, says nothing.)
            var largestFullPage: Int?
            func fetch() async throws -> (page: ChangesBody, bytes: SyncBytes) {
                while true {
                    do {
                        let fetched = try await fetchPage(since, eventsAfter, pageBytes)
                        if fetched.page.states.count >= recordsPerPage {
                            largestFullPage = max(largestFullPage ?? 0, fetched.bytes.plain)
                        }
                        return fetched
                    } catch let error as SyncError where error.timedOut {
                        guard let asked = pageBytes, asked > SyncEngine.smallestTimedOutBatch else { throw error }
                        try Task.checkCancellation()
                        let half = max(min(asked, largestFullPage ?? asked) / 2, SyncEngine.smallestTimedOutBatch)
                        pageBytes = half
                        askingSmaller(half)
                    }
                }
            }
            // A page that fails stops the reading; its error comes when it is next, so the good
            // pages before it still merge.
            while await places.next() != nil, !Task.isCancelled {
                do {
                    let (page, bytes) = try await fetch()
                    let prepare = Task {
                        store.prepare(
                            page.states,
                            events: page.events.byRecord,
                            rejected: page.rejected,
                            eventProblems: page.events.problems
                        )
                    }
                    fetched.yield(.success(Fetched(body: page, bytes: bytes, prepare: prepare)))
                    guard page.more else { break }
                    since = page.lastSequence
                    eventsAfter = page.eventsAfter
                } catch {
                    fetched.yield(.failure(error))
                    break
                }
            }
            fetched.finish()
        }
        self.pages = pages.makeAsyncIterator()
        self.room = room
    }

    /// The next page in feed order, or nil after the last one.
    mutating func next() async throws -> Page? {
        guard let next = await pages.next() else { return nil }
        room.yield()
        let fetched = try next.get()
        return Page(body: fetched.body, batch: await fetched.prepare.value, bytes: fetched.bytes)
    }

    /// Stops reading the feed (after an error or a stop).
    func cancel() {
        reader.cancel()
        room.finish()
    }
}
