public import LiaisonCore

/// One page of a record list, with cursors to the pages beside it.
public struct RecordPage: Sendable {
    /// The records shown, in the list's order.
    public let states: [RecordState]
    /// The cursor of the page after this one; nil at the end of the list.
    public let next: String?
    /// The cursor of the page before this one; nil on the first page.
    public let previous: String?
    /// How many records match the whole query.
    public let total: RecordTotal
}

/// How many records match a query: counted exactly, or known to be more than a bound.
public enum RecordTotal: Hashable, Sendable {
    /// Exactly this many.
    case exact(Int)
    /// More than this many (counting stopped there).
    case moreThan(Int)
}

extension RecordTotal {
    /// `counted` matches told as the list tells them: exactly, up to `limit`.
    init(counted: Int, limit: Int) {
        self = counted > limit ? .moreThan(limit) : .exact(counted)
    }
}
