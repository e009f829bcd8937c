/// The seeded generator behind ``SampleData``: SplitMix64 (Steele, Lea and Flood, 2014).
///
/// Every draw is integer arithmetic on the 64-bit state, so one seed gives the same sequence
/// on every platform and Swift version (the standard library's `random(in:using:)` algorithms
/// are not promised to stay the same, so they are not used).
public struct SampleRandom: Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (Lemire's multiply-high; the tiny bias does not matter here).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `percent` / 100.
    public mutating func percent(_ percent: Int) -> Bool {
        int(below: 100) < percent
    }

    /// One of `items`, each equally likely.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// One of `items`, each as likely as its weight.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var draw = int(below: items.reduce(0) { $0 + $1.1 })
        for (item, weight) in items {
            if draw < weight { return item }
            draw -= weight
        }
        return items[items.count - 1].0
    }
}
