/// One page of the quarantine, the most recent arrival first (``LiaisonStore/quarantine(limit:after:)``).
public struct QuarantinePage: Sendable {
    /// The entries of the page, in the list's order.
    public let entries: [QuarantineEntry]
    /// Where the next page starts; nil on the last page.
    public let next: QuarantineCursor?
    /// How many entries the whole quarantine holds.
    public let total: Int
}

/// A place in the quarantine's list: just after the entry last shown, by when it last arrived
/// and its number. Given out as a page's `next` (`1733312345123.42`) and taken back as `cursor`.
///
/// An entry that arrives again while a client pages moves to the front of the list (its
/// `last_at` changes): a client that pages from the start sees it there.
public struct QuarantineCursor: Hashable, Sendable, CustomStringConvertible {
    /// When the entry last shown last arrived (milliseconds since 1970).
    let lastAt: Int64
    /// Its number.
    let id: Int64

    init(after entry: QuarantineEntry) {
        (lastAt, id) = (entry.lastAt, entry.id)
    }

    /// Reads a page's `next`; nil when `text` is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let lastAt = Int64(parts[0]), let id = Int64(parts[1]), lastAt >= 0, id > 0 else { return nil }
        (self.lastAt, self.id) = (lastAt, id)
    }

    /// The text a page gives as `next`.
    public var description: String { "\(lastAt).\(id)" }
}
