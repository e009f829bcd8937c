/// A version vector: for each replica r, the dots `(r, 1...n)`.
///
/// `vv.contains((r, n))` iff `vv[r] >= n`. Join is the pointwise maximum.
public struct VersionVector: Hashable, Sendable {
    /// The highest counter seen for each replica; replicas with nothing seen are absent.
    public private(set) var counters: [String: UInt64]

    /// The empty vector: no write seen.
    public static let empty = VersionVector()

    /// Makes a vector from counters; zero counters are dropped.
    public init(_ counters: [String: UInt64] = [:]) {
        self.counters = counters.filter { $0.value > 0 }
    }

    /// The highest counter seen for `replica` (0 when none).
    public subscript(replica: String) -> UInt64 {
        counters[replica] ?? 0
    }

    /// Whether the write named by `dot` is covered by this vector.
    public func contains(_ dot: Dot) -> Bool {
        self[dot.replica] >= dot.counter
    }

    /// Whether every dot of `other` is in this vector.
    public func covers(_ other: VersionVector) -> Bool {
        other.counters.allSatisfy { self[$0.key] >= $0.value }
    }

    /// Adds `dot` (and so every earlier dot of its replica).
    public mutating func add(_ dot: Dot) {
        if dot.counter > self[dot.replica] { counters[dot.replica] = dot.counter }
    }

    /// The pointwise maximum of two vectors.
    public func joined(with other: VersionVector) -> VersionVector {
        VersionVector(counters.merging(other.counters, uniquingKeysWith: max))
    }

    /// The replicas in canonical (sorted) order with their counters.
    public var sorted: [(replica: String, counter: UInt64)] {
        counters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
