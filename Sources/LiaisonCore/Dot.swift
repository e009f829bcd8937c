/// One write: the `counter`-th write made at `replica` to a record.
///
/// Dots order by replica id, then counter, which gives states a stable, canonical order.
public struct Dot: Hashable, Comparable, Sendable, LosslessStringConvertible {
    /// The replica that made the write (`mumbai.k3f9q2`).
    public let replica: String
    /// The write's number at that replica for this record, from 1.
    public let counter: UInt64

    /// Makes a dot; `counter` must be at least 1.
    public init(replica: String, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        (lhs.replica, lhs.counter) < (rhs.replica, rhs.counter)
    }

    public var description: String { "\(replica):\(counter)" }

    /// The dot written as ``description`` (`mumbai.k3f9q2:7`), or nil for any other text.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), colon > text.startIndex,
            let counter = UInt64(text[text.index(after: colon)...]), counter >= 1
        else { return nil }
        self.init(replica: String(text[..<colon]), counter: counter)
    }
}
