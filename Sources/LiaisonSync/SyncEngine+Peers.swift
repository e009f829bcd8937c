public import LiaisonStore

extension SyncEngine {
    /// Syncs with each of `peers` at once (one pull and one push each, as ``sync(with:progress:)``)
    /// and returns each peer's report or error, in peer name order: what "sync now" does.
    public func sync(with peers: [PeerRecord]) async -> [(peer: PeerRecord, result: Result<SyncReport, any Error>)] {
        await withTaskGroup(of: (PeerRecord, Result<SyncReport, any Error>).self) { group in
            for peer in peers {
                group.addTask {
                    do {
                        return (peer, .success(try await sync(with: peer)))
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
