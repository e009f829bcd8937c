public import LiaisonCore

/// What an edit or a resolution did: the record as it stands after it, and whether it changed
/// anything. A write of the values a record already holds, all seen by its writer, changes
/// nothing: no version, no history entry, nothing to sync (docs/design.md §4).
public struct WriteOutcome: Hashable, Sendable {
    /// The record after the write; as it was, at the same version, when `changed` is false.
    public let state: RecordState
    /// Whether the write was made.
    public let changed: Bool
}
