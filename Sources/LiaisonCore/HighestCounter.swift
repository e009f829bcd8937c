/// A multiset of counters that gives its highest: O(log n) to insert, remove or ask.
struct HighestCounter {
    private var counters = PriorityQueue<UInt64>(by: >)
    /// Counters removed but still in the queue, by value, with how many times.
    private var removed: [UInt64: Int] = [:]

    /// The highest counter, 0 when there is none.
    mutating func highest() -> UInt64 {
        while let top = counters.first, let times = removed[top] {
            _ = counters.popFirst()
            removed[top] = times == 1 ? nil : times - 1
        }
        return counters.first ?? 0
    }

    /// Adds one `counter`.
    mutating func insert(_ counter: UInt64) {
        counters.push(counter)
    }

    /// Removes one `counter`, which must be in the multiset.
    mutating func remove(_ counter: UInt64) {
        removed[counter, default: 0] += 1
    }
}
