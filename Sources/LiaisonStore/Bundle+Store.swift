public import Foundation
import LiaisonCore

/// What an export wrote.
public struct BundleExport: Hashable, Sendable {
    /// States written.
    public let states: Int
    /// The bundle's `last_sequence`: the next export starts with `since` this.
    public let lastSequence: Int64
}

extension LiaisonStore {
    /// Writes a bundle of the states changed after `since` to `sink`, a page of the changes
    /// feed at a time (never every state at once).
    ///
    /// The bundle goes up to the sequence current when the export starts; a record changed
    /// during the export is left for the next export (`since` = this one's `lastSequence`).
    /// - Throws: ``BundleError`` when `since` is past this node's sequence (a number from
    ///   before a restore, or from another node): such a bundle would carry nothing, now or later.
    public func exportBundle(
        since: Int64,
        pageSize: Int = 500,
        to sink: (Data) throws -> Void
    ) async throws -> BundleExport {
        let last = try await currentSequence()
        guard since <= last else {
            throw BundleError(
                "--since \(since) is past this node's sequence \(last): a bundle from there would never carry its changes. Export from 0 (after a restore, the node's sequence is the backup's)"
            )
        }
        var header = JSONWriter()
        header.raw("{\"format\":")
        header.string(LiaisonBundle.format)
        header.raw(",\"version\":\(LiaisonBundle.version),\"replica_id\":")
        header.string(identity.replicaID)
        header.raw(",\"office\":")
        header.string(identity.office)
        header.raw(",\"since\":\(since),\"last_sequence\":\(last),\"states\":[")
        try sink(Data(header.bytes))
        var after = since
        var count = 0
        // The events follow the states: kept in a temporary file until the states are written.
        let events = try EventSpool()
        defer { events.remove() }
        pages: while after < last {
            let page = try await changes(since: after, limit: pageSize, maxBytes: 4 << 20, eventsSince: since)
            var chunk = ""
            for change in page.states {
                if change.sequence > last { break }
                chunk += (count == 0 ? "" : ",") + change.json
                count += 1
                try events.append(change.events)
            }
            if !chunk.isEmpty { try sink(Data(chunk.utf8)) }
            guard page.more, page.lastSequence < last else { break pages }
            after = page.lastSequence
        }
        try sink(Data("],\"events\":[".utf8))
        try events.copy(to: sink)
        try sink(Data("]}\n".utf8))
        return BundleExport(states: count, lastSequence: last)
    }

    /// Writes a bundle to `file` through a temporary file beside it, renamed into place
    /// only once complete.
    /// - Throws: ``StoreError`` `.invalid` when `file` is inside the data directory.
    public func exportBundle(since: Int64, toFile file: URL) async throws -> BundleExport {
        try refuseInsideDataDirectory(file, "export to a file outside it")
        let directory = file.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw BundleError("cannot write \(file.path): cannot create a file in \(directory.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            let result: BundleExport
            do {
                result = try await exportBundle(since: since) { try handle.write(contentsOf: $0) }
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, file.path) == 0 else {
                throw BundleError("cannot write \(file.path): \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Merges a bundle in one transaction (``merge(_:rejected:from:origin:checkpoint:)``): every
    /// state goes through the intake check, a bad one is quarantined with `origin` (the file it
    /// came from) and the rest merges. When the bundle continues from where this node had pulled
    /// the exporter's changes, the pull checkpoint moves with it.
    public func merge(_ bundle: LiaisonBundle, origin: String = "bundle") async throws -> MergeSummary {
        var checkpoint: (peer: String, direction: SyncDirection, sequence: Int64)?
        if bundle.replicaID != identity.replicaID {
            let pulled = try await self.checkpoint(peer: bundle.replicaID, direction: .pull)
            if bundle.since <= pulled && bundle.lastSequence > pulled {
                checkpoint = (bundle.replicaID, .pull, bundle.lastSequence)
            }
        }
        let batch = prepare(
            bundle.states,
            events: bundle.events.byRecord,
            rejected: bundle.rejected,
            eventProblems: bundle.events.problems
        )
        return try await merge(
            batch,
            from: bundle.replicaID == identity.replicaID ? nil : bundle.replicaID,
            origin: BatchOrigin(origin),
            checkpoint: checkpoint
        )
    }
}
