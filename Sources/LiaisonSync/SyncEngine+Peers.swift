public import LiaisonStore

extension SyncEngine {
    /// Syncs with each of `peers` at once (one pull and one push each, as ``sync(with:progress:)``)
    /// and returns each peer's report or error, in peer name order: what "sync now" does, on the
    /// page, at `POST /v1/sync` and in `liaison sync`. A hung peer holds up only its own result.
    /// `progress` hears from every peer's sync as it goes, interleaved.
    public func sync(
        with peers: [PeerRecord],
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async -> [(peer: PeerRecord, result: Result<SyncReport, any Error>)] {
        await withTaskGroup(of: (PeerRecord, Result<SyncReport, any Error>).self) { group in
            for peer in peers {
                group.addTask {
                    do {
                        return (peer, .success(try await sync(with: peer, progress: progress)))
                    } catch {
                        return (peer, .failure(error))
                    }
                }
            }
            var results: [(peer: PeerRecord, result: Result<SyncReport, any Error>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.peer.name < $1.peer.name }
        }
    }
}
