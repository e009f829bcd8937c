import LiaisonCore
import LiaisonStore

/// The pages of a peer's changes feed from a checkpoint on, each fetched, parsed, checked
/// against the schema and prepared for the store up to `ahead` pages before it is merged.
///
/// The peer's feed does not depend on our merges, so reading ahead is safe; the caller still
/// merges one page at a time, in order, each with its checkpoint. Memory stays bounded: at
/// most `ahead + 1` pages are held.
struct PullPipeline {
    /// One page, ready to merge.
    struct Page {
        let body: ChangesBody
        let batch: PreparedBatch
        let bytes: SyncBytes
    }

    private struct Stage {
        let fetch: Task<(page: ChangesBody, bytes: SyncBytes), any Error>
        let prepare: Task<PreparedBatch, any Error>
    }

    private let fetchPage: @Sendable (Int64) async throws -> (page: ChangesBody, bytes: SyncBytes)
    private let store: LiaisonStore
    private let ahead: Int
    private var stages: [Stage] = []
    private var feedEnded = false

    /// A pipeline reading the feed after `since` with `fetchPage`.
    init(
        since: Int64,
        ahead: Int,
        store: LiaisonStore,
        fetchPage: @escaping @Sendable (Int64) async throws -> (page: ChangesBody, bytes: SyncBytes)
    ) {
        self.fetchPage = fetchPage
        self.store = store
        self.ahead = ahead
        stages = [stage(after: since)]
    }

    private func stage(after sequence: Int64) -> Stage {
        let fetch = Task { [fetchPage] in try await fetchPage(sequence) }
        let prepare = Task { [store] in
            let page = try await fetch.value.page
            return store.prepare(
                page.states,
                events: page.events.byRecord,
                rejected: page.rejected,
                eventProblems: page.events.problems
            )
        }
        return Stage(fetch: fetch, prepare: prepare)
    }

    /// The next page in feed order, or nil after the last one.
    mutating func next() async throws -> Page? {
        // Keep `ahead` pages under way: where a page starts is known once the one before it
        // arrived. A page that failed stops the reading ahead; its error comes when it is next,
        // so the good pages before it still merge.
        while stages.count <= ahead, !feedEnded, let newest = stages.last {
            guard let page = try? await newest.fetch.value.page else { break }
            if page.more { stages.append(stage(after: page.lastSequence)) } else { feedEnded = true }
        }
        guard !stages.isEmpty else { return nil }
        let head = stages.removeFirst()
        let (body, bytes) = try await head.fetch.value
        return Page(body: body, batch: try await head.prepare.value, bytes: bytes)
    }

    /// Stops the pages under way (after an error or a stop).
    func cancel() {
        for stage in stages {
            stage.fetch.cancel()
            stage.prepare.cancel()
        }
    }
}
