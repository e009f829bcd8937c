/// Who made a write and when: for history and display only, never for causality.
public struct WriteMeta: Hashable, Sendable {
    /// The staff member or token name that made the write.
    public let author: String
    /// Wall-clock time of the write, milliseconds since 1970 (UTC).
    public let at: Int64

    /// Makes the metadata of one write.
    public init(author: String, at: Int64) {
        self.author = author
        self.at = at
    }
}
