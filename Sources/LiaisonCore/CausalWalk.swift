/// The walk behind ``CausalOrder``: a record's events by replica (chains), each replica's
/// newest remaining event its *head*. A head is *seen* while another replica's head, or an
/// earlier event of that replica, read a counter of the head's replica at or past the head's:
/// something left happened after it. Each step takes the latest head not seen (by `at`, then
/// dot), or, when forged contexts that see each other in a circle leave none, the latest head.
///
/// Each step costs O(log n), plus O(log n) for each read-context entry of the event it takes:
/// the whole walk costs O(n log n) for n events and read-context entries, where sorting the
/// heads at each step cost the square of the replicas a (possibly forged) context named.
struct CausalWalk {
    /// One event, and the counters of other replicas it raised in what its replica had seen.
    private struct Link {
        let event: WriteEvent
        /// Per other chain (an index): what the event's replica had seen of it before this
        /// event, and with it.
        let raised: [(chain: Int, before: UInt64, after: UInt64)]
    }

    /// A chain's head, queued with what orders it.
    private struct Head {
        let chain: Int
        /// Its place in the chain: still the head while the chain has `position + 1` links.
        let position: Int
        let at: Int64
        let dot: Dot

        func isLater(than other: Head) -> Bool {
            at != other.at ? at > other.at : dot > other.dot
        }
    }

    /// Per replica (an index), its events, oldest first, so that the newest is taken last.
    private var chains: [[Link]]
    /// Per chain, the counters of it that the other chains' heads have seen (0s left out).
    private var seenBy: [HighestCounter]
    /// The heads no other head has seen, latest first.
    private var unseen = PriorityQueue<Head> { $0.isLater(than: $1) }
    /// Every head, latest first; a head already taken is skipped when it comes up.
    private var heads = PriorityQueue<Head> { $0.isLater(than: $1) }
    /// Per chain, whether its head is in ``unseen``.
    private var queued: [Bool]

    init(_ events: [WriteEvent]) {
        var chainIndex: [String: Int] = [:]
        for event in events where chainIndex[event.dot.replica] == nil {
            chainIndex[event.dot.replica] = chainIndex.count
        }
        var byChain = [[WriteEvent]](repeating: [], count: chainIndex.count)
        for event in events { byChain[chainIndex[event.dot.replica]!].append(event) }
        seenBy = Array(repeating: HighestCounter(), count: chainIndex.count)
        queued = Array(repeating: false, count: chainIndex.count)
        chains = []
        chains.reserveCapacity(byChain.count)
        for (chain, events) in byChain.enumerated() {
            // Replicas that made no event of the record order nothing: they are left out.
            var seen: [Int: UInt64] = [:]
            chains.append(
                events.sorted { $0.dot.counter < $1.dot.counter }.map { event in
                    var raised: [(chain: Int, before: UInt64, after: UInt64)] = []
                    for (name, counter) in event.readContext.counters {
                        guard let other = chainIndex[name], other != chain else { continue }
                        let before = seen[other] ?? 0
                        guard counter > before else { continue }
                        raised.append((other, before, counter))
                        seen[other] = counter
                    }
                    return Link(event: event, raised: raised)
                }
            )
            for (other, counter) in seen { seenBy[other].insert(counter) }
        }
        for chain in chains.indices { enterHead(of: chain) }
    }

    /// Removes and returns the newest event no remaining event happened after (see the type).
    mutating func takeNewest() -> WriteEvent? {
        var chosen = unseen.popFirst()
        if chosen == nil {
            while let head = heads.first, head.position != chains[head.chain].count - 1 { _ = heads.popFirst() }
            chosen = heads.popFirst()
        }
        guard let chosen else { return nil }
        let link = chains[chosen.chain].removeLast()
        // What its replica's next head has seen is less: heads it alone had seen are free.
        for (other, before, after) in link.raised {
            seenBy[other].remove(after)
            if before > 0 { seenBy[other].insert(before) }
            queueIfUnseen(other)
        }
        enterHead(of: chosen.chain)
        return link.event
    }

    /// Queues the chain's newest remaining event as its head.
    private mutating func enterHead(of chain: Int) {
        queued[chain] = false
        guard let link = chains[chain].last else { return }
        heads.push(Head(chain: chain, position: chains[chain].count - 1, at: link.event.meta.at, dot: link.event.dot))
        queueIfUnseen(chain)
    }

    /// Queues the chain's head in ``unseen`` once no other head has seen it. Heads only ever
    /// see less as the walk goes on, so a head queued there stays unseen until it is taken.
    private mutating func queueIfUnseen(_ chain: Int) {
        guard !queued[chain], let link = chains[chain].last, seenBy[chain].highest() < link.event.dot.counter else { return }
        unseen.push(Head(chain: chain, position: chains[chain].count - 1, at: link.event.meta.at, dot: link.event.dot))
        queued[chain] = true
    }
}
