import LiaisonCore
public import LiaisonStore
public import Logging

/// What one sync with a peer did.
public struct SyncReport: Hashable, Sendable {
    /// The peer's replica id.
    public var peerReplicaID = ""
    /// What merging the peer's changes here did.
    public var pulled = MergeSummary()
    /// States sent to the peer, and what merging them there did.
    public var pushed = MergeSummary()
    /// Bytes of changes received (answer bodies), on the wire and as JSON.
    public var bytesReceived = SyncBytes()
    /// Bytes of changes sent (request bodies), on the wire and as JSON.
    public var bytesSent = SyncBytes()
    /// Whether the peer's changes were loaded in bulk (the list and search indexes built once at
    /// the end).
    public var loadedInBulk = false
}

/// Progress of a sync, for a command that shows it.
public enum SyncProgress: Sendable {
    /// A batch of the peer's changes was merged; `remaining` of its changes are still to come (estimate).
    case pulled(peer: String, states: Int, remaining: Int64)
    /// A batch of this node's changes was acknowledged by the peer.
    case pushed(peer: String, states: Int)
    /// A request got no answer within the timeout and goes again smaller, as does the rest of the
    /// round: a page of the peer's changes asked for (`.pull`) within `bytes`, or a batch of this
    /// node's sent (`.push`) within them.
    case timedOut(peer: String, direction: SyncDirection, bytes: Int)
}

/// Pulls a peer's changes and pushes this node's (docs/design.md §6): each pulled batch commits
/// with its checkpoint; a pushed batch's checkpoint moves only once the peer acknowledged it.
public struct SyncEngine: Sendable {
    /// This node's store.
    public let store: LiaisonStore
    /// How requests reach the peer (libcurl in a node: its handles keep connections alive
    /// between batches).
    public let transport: any SyncTransport
    /// Pulled pages merged in one transaction (with the checkpoint of the last): fewer, larger
    /// transactions write each index page touched by several pages once.
    public static let pagesPerMerge = 4
    /// A pull of at least this many records, more than this node holds, loads them in bulk
    /// (``LiaisonStore/loadingInBulk(_:threshold:_:)``); 0 never does.
    public var bulkLoadThreshold = LiaisonStore.bulkLoadThreshold
    /// States per batch.
    public var batchRecords = SyncProtocol.maxBatchRecords
    /// Bytes per batch.
    public var batchBytes = SyncProtocol.maxBatchBytes
    /// Whether pushes go gzip-compressed to peers that accept it (answers are asked for
    /// compressed by the transport: ``SyncConfiguration/compression``).
    public var compression = true
    /// A pushed batch or a pulled page that timed out is sent or asked for again halved, down to
    /// this many bytes (of states and events as JSON); one this small that times out fails the
    /// round, as any other error does.
    static let smallestTimedOutBatch = 64 << 10
    /// Where batches, bytes, successes and failures are counted (nowhere by default).
    public var metrics: any SyncMetrics = NoSyncMetrics()
    /// Stops syncs between batches for a graceful shutdown; shared by copies of the engine.
    public var stopSignal = SyncStopSignal()
    /// The smaller sizes requests to each peer went on at after a timeout, for the next rounds;
    /// shared by copies of the engine.
    public var slowLinks = SlowLinks()
    /// The peers whose claimed backlog a bulk load found overstated, for the next rounds; shared
    /// by copies of the engine.
    public var overstatedBacklogs = OverstatedBacklogs()
    let logger: Logger

    /// An engine for `store` over `transport`, with the batch limits of `configuration`.
    public init(
        store: LiaisonStore,
        transport: any SyncTransport,
        configuration: SyncConfiguration = SyncConfiguration(),
        logger: Logger = Logger(label: "liaison.sync")
    ) {
        self.store = store
        self.transport = transport
        self.logger = logger
        batchRecords = configuration.batchRecords
        bulkLoadThreshold = configuration.bulkLoadRecords
        batchBytes = configuration.batchBytes
        compression = configuration.compression
    }

    /// One pull and one push with `peer`, now. Saves the peer's status either way.
    @discardableResult
    public func sync(with peer: PeerRecord, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncReport {
        guard stopSignal.begin() else { throw SyncStopped() }
        defer { stopSignal.end() }
        let started = ContinuousClock.now
        func seconds() -> Double {
            let elapsed = (ContinuousClock.now - started).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        }
        var status = (try await store.peerStatuses().first { $0.name == peer.name }) ?? PeerStatus(name: peer.name)
        do {
            let report = try await exchange(with: PeerLink(peer: peer, transport: transport), status: &status, progress: progress)
            status.lastSuccess = Timestamp.millis()
            status.lastError = nil
            status.lastErrorAt = nil
            try await store.savePeerStatus(status)
            metrics.syncSucceeded(peer: peer.name, seconds: seconds(), at: Double(status.lastSuccess ?? 0) / 1000)
            logger.info(
                "synced",
                metadata: [
                    "peer": "\(peer.name)", "pulled": "\(report.pulled.changed)", "pushed": "\(report.pushed.merged)",
                ]
            )
            return report
        } catch let stopped as SyncStopped {
            try? await store.savePeerStatus(status)
            logger.info("sync stopped between batches for shutdown", metadata: ["peer": "\(peer.name)"])
            throw stopped
        } catch {
            // This node's store held past its wait is said in words, not SQLite's.
            let error = LiaisonStore.isBusy(error) ? SyncError(peer: peer.name, "not synced, \(LiaisonStore.busyMessage)") : error
            metrics.syncFailed(peer: peer.name, seconds: seconds())
            status.lastError = "\(error)"
            status.lastErrorAt = Timestamp.millis()
            try? await store.savePeerStatus(status)
            logger.warning("sync failed", metadata: ["peer": "\(peer.name)", "error": "\(error)"])
            throw error
        }
    }

    private func exchange(
        with link: PeerLink,
        status: inout PeerStatus,
        progress: @escaping @Sendable (SyncProgress) -> Void
    ) async throws -> SyncReport {
        let me = store.identity.replicaID
        let node = try await link.node()
        guard node.protocolVersion == SyncProtocol.version else {
            throw SyncError(
                peer: link.peer.name,
                "speaks sync protocol \(node.protocolVersion), this node \(SyncProtocol.version): both ends must upgrade to the same release (docs/operations.md, Upgrading)"
            )
        }
        guard node.replicaID != me else { throw SyncError(peer: link.peer.name, "is this node itself") }
        status.replicaID = node.replicaID
        var report = SyncReport(peerReplicaID: node.replicaID)

        let since = try await store.checkpoint(peer: node.replicaID, direction: .pull)
        status.behind = max(0, node.sequence - since)
        // A pull of more records than this node holds loads them in bulk: the list and search
        // indexes are built once at the end (LiaisonStore+BulkLoad.swift), also when it fails.
        // Known by the name this node gives the peer, not the replica id it says it is (which a
        // peer can change every round), and judged also by a load that failed (one that failed
        // every round loaded in bulk every round).
        let backlog = overstatedBacklogs.backlog(Int(status.behind ?? 0), from: link.peer.name)
        let claimed = status.behind ?? 0
        func judge() {
            let merged = report.pulled.merged
            if overstatedBacklogs.loaded(merged, from: link.peer.name, inBulk: report.loadedInBulk, threshold: bulkLoadThreshold) {
                logger.warning(
                    "the peer's sequence said \(claimed) records were to come, and the bulk load brought \(merged): its next loads are plain until one brings \(bulkLoadThreshold)",
                    metadata: ["peer": "\(link.peer.name)"]
                )
            }
        }
        let pulledTo: Int64
        do {
            pulledTo = try await store.loadingInBulk(backlog, threshold: bulkLoadThreshold) { bulk in
                if bulk { logger.info("loading in bulk", metadata: ["peer": "\(link.peer.name)", "records": "\(claimed)"]) }
                report.loadedInBulk = bulk
                return try await pull(from: link, node: node, since: since, status: &status, report: &report, progress: progress)
            }
        } catch {
            judge()
            throw error
        }
        judge()
        try await store.setEventCheckpoint(peer: node.replicaID, direction: .pull, sequence: pulledTo)
        try await push(to: link, node: node, report: &report, progress: progress)
        return report
    }

    /// Pulls the peer's changes since `since` (the checkpoint) and merges them, a few pages to a
    /// transaction, each with its checkpoint; returns how far it came.
    private func pull(
        from link: PeerLink,
        node: NodeInfo,
        since: Int64,
        status: inout PeerStatus,
        report: inout SyncReport,
        progress: @escaping @Sendable (SyncProgress) -> Void
    ) async throws -> Int64 {
        let me = store.identity.replicaID
        // Pages are fetched, parsed, checked and prepared ahead of the ones merging.
        let batchRecords = batchRecords
        // Events go from where the last complete pass started: a pass cut short leaves it there.
        let eventsSince = try await store.eventCheckpoint(peer: node.replicaID, direction: .pull)
        var pulledTo = since
        // A record's events may come over several pages only from a peer that says it pages them;
        // the checkpoint stays before the record until the last of them merged, and a round cut
        // short goes on after the last run that did.
        let pagedEvents = node.pagedEvents == true
        let resumeAfter = pagedEvents ? try await store.eventsCursor(peer: node.replicaID, direction: .pull) : nil
        // A peer that lists sized_pages keeps its pages within this node's batch bytes (or the
        // smaller size a timeout found, while it holds), and a page it could not send in time is
        // asked for again halved, as a push is sent again.
        let startingBytes = slowLinks.startingBytes(batchBytes, peer: link.peer.name, .pull)
        let pageBytes = node.sizedPages == true ? SyncProtocol.batchBytes(startingBytes) : nil
        var pages = PullPipeline(
            since: since,
            eventsAfter: resumeAfter,
            pageBytes: pageBytes,
            recordsPerPage: batchRecords,
            ahead: Self.pagesPerMerge,
            store: store,
            askingSmaller: { [self] bytes in wentSmaller(.pull, peer: link.peer.name, bytes: bytes, progress: progress) }
        ) { [stopSignal] sequence, eventsAfter, maxBytes in
            // Reading ahead, or asking again after a timeout, ends once the node is stopping.
            if stopSignal.isStopped { throw SyncStopped() }
            return try await link.changes(
                since: sequence,
                peerSequence: node.sequence,
                limit: batchRecords,
                requester: me,
                eventsSince: eventsSince,
                pagedEvents: pagedEvents,
                eventsAfter: eventsAfter,
                maxBytes: maxBytes
            )
        }
        defer { pages.cancel() }
        while true {
            // Stop only between batches: a batch under way merges (or is acknowledged) first.
            if stopSignal.isStopped { throw SyncStopped() }
            // Up to `pagesPerMerge` pages merge in one transaction. A page that fails stops the
            // group; the good pages before it still merge, then its error comes.
            var group: [PullPipeline.Page] = []
            var failure: (any Error)?
            repeat {
                do {
                    guard let page = try await pages.next() else { break }
                    group.append(page)
                } catch {
                    failure = error
                    break
                }
            } while group.count < Self.pagesPerMerge && group.last!.body.more
            guard let last = group.last?.body else {
                if let failure { throw failure }
                break
            }
            for next in group {
                report.bytesReceived += next.bytes
                guard next.body.replicaID == node.replicaID else {
                    throw SyncError(peer: link.peer.name, "changed replica id during sync (re-initialised?)")
                }
            }
            if stopSignal.isStopped { throw SyncStopped() }  // the wait for the pages may have been long
            let summary = try await store.merge(
                group.map(\.batch),
                from: node.replicaID,
                origin: .pull(from: link.peer.name, replicaID: node.replicaID),
                checkpoint: (node.replicaID, .pull, last.lastSequence),
                eventsAfter: last.eventsAfter
            )
            // A record that came in runs (pages inside its events) counts once, with its last run.
            let runs = group.filter { $0.body.eventsAfter != nil }.count
            report.pulled.merged += max(summary.merged - runs, 0)
            report.pulled.changed += summary.changed
            report.pulled.conflicts += summary.conflicts
            report.pulled.quarantined += summary.quarantined
            if !summary.quarantined.isEmpty {
                metrics.quarantined(peer: link.peer.name, states: summary.quarantined.count)
                logger.warning(
                    "quarantined states from peer",
                    metadata: [
                        "peer": "\(link.peer.name)", "states": "\(summary.quarantined.count)",
                        "first": "\(summary.quarantined[0].recordID ?? "?"): \(summary.quarantined[0].problem)",
                    ]
                )
            }
            let states = group.reduce(0) { $0 + ($1.body.eventsAfter == nil ? $1.body.states.count : 0) }
            metrics.pulledBatch(peer: link.peer.name, states: states, bytes: group.reduce(0) { $0 + $1.bytes.wire }, conflicts: summary.conflicts)
            pulledTo = last.lastSequence
            status.behind = max(0, node.sequence - last.lastSequence)
            progress(.pulled(peer: link.peer.name, states: states, remaining: status.behind ?? 0))
            if let failure { throw failure }
        }
        return pulledTo
    }

    /// A request to `peer` timed out and the round goes on at `bytes`: held for the next rounds
    /// (``slowLinks``), counted, logged and reported.
    private func wentSmaller(
        _ direction: SyncDirection,
        peer: String,
        bytes: Int,
        progress: @Sendable (SyncProgress) -> Void
    ) {
        slowLinks.timedOut(peer: peer, direction, goingOnAt: bytes)
        metrics.timedOut(peer: peer, direction: direction, bytes: bytes)
        let message: Logger.Message = direction == .pull ? "pull timed out, asked again smaller" : "push timed out, sent again smaller"
        logger.info(message, metadata: ["peer": "\(peer)", "bytes": "\(bytes)"])
        progress(.timedOut(peer: peer, direction: direction, bytes: bytes))
    }

    /// Pushes this node's changes the peer lacks, a batch at a time; a batch's checkpoint moves
    /// once the peer acknowledged it.
    private func push(
        to link: PeerLink,
        node: NodeInfo,
        report: inout SyncReport,
        progress: @escaping @Sendable (SyncProgress) -> Void
    ) async throws {
        let me = store.identity.replicaID
        var pushed = try await store.checkpoint(peer: node.replicaID, direction: .push)
        let pushEventsSince = try await store.eventCheckpoint(peer: node.replicaID, direction: .push)
        let gzip = compression && (node.pushEncodings ?? []).contains("gzip")
        // A record whose events do not fit one batch goes as several, its state in each with a
        // run of its events (any peer takes an unchanged state that brings events); the
        // checkpoint stays before it until the last run was acknowledged, and keeps where the
        // last acknowledged run ended, so that a round cut short goes on from there.
        var eventsAfter = try await store.eventsCursor(peer: node.replicaID, direction: .push)
        // A batch the peer did not acknowledge in time goes again as half of it, for the rest of
        // the round and the next rounds (SlowLinks): over a slow link, or to a loaded peer, a
        // large batch may never fit the timeout.
        var batchBytes = slowLinks.startingBytes(batchBytes, peer: link.peer.name, .push)
        while true {
            if stopSignal.isStopped { throw SyncStopped() }
            let page = try await store.changes(
                since: pushed,
                limit: batchRecords,
                maxBytes: batchBytes,
                excluding: node.replicaID,
                eventsSince: pushEventsSince,
                pagingEvents: true,
                eventsAfter: eventsAfter
            )
            if !page.states.isEmpty {
                let ack: PushAck
                let bytes: SyncBytes
                do {
                    (ack, bytes) = try await link.push(page.states, from: me, gzip: gzip)
                } catch let error as SyncError where error.timedOut {
                    // Half of what went, or of what was asked for if the batch is over it (its
                    // first record with one run of its events at least): a batch that cannot
                    // shrink goes down to the smallest size, then fails the round.
                    let sent = min(page.bytes, batchBytes)
                    guard sent > Self.smallestTimedOutBatch else { throw error }
                    batchBytes = max(sent / 2, Self.smallestTimedOutBatch)
                    wentSmaller(.push, peer: link.peer.name, bytes: batchBytes, progress: progress)
                    continue
                }
                // A record sent in runs counts once, with its last run.
                let finished = page.eventsAfter == nil
                report.bytesSent += bytes
                report.pushed.merged += finished ? ack.merged : 0
                report.pushed.changed += ack.changed
                report.pushed.conflicts += ack.conflicts
                report.pushed.quarantined += ack.quarantined
                metrics.pushedBatch(peer: link.peer.name, states: finished ? page.states.count : 0, bytes: bytes.wire)
                if finished { progress(.pushed(peer: link.peer.name, states: page.states.count)) }
            }
            if page.lastSequence != pushed || page.eventsAfter != eventsAfter {
                try await store.setCheckpoint(peer: node.replicaID, direction: .push, sequence: page.lastSequence, eventsAfter: page.eventsAfter)
                pushed = page.lastSequence
                eventsAfter = page.eventsAfter
            }
            if !page.more { break }
        }
        try await store.setEventCheckpoint(peer: node.replicaID, direction: .push, sequence: pushed)
    }
}
