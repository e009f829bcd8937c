/// The replicated state of one record: its causal context and, per field, a multi-value
/// register of `(dot, value)` entries (docs/design.md §4).
///
/// A field with one value (or several entries holding the same value) is settled; entries
/// with different values are a conflict. Every dot in the fields is in the context, and
/// every dot in the fields has its ``WriteMeta`` in ``writes``.
public struct RecordState: Hashable, Sendable {
    /// The record's id; it never changes.
    public let id: String
    /// Every write to this record that this replica has seen.
    public internal(set) var context: VersionVector
    /// Per field, the live entries by dot.
    public internal(set) var fields: [String: [Dot: FieldValue]]
    /// Who wrote each live dot and when.
    public internal(set) var writes: [Dot: WriteMeta]

    /// A record that no write has touched yet.
    public init(id: String) {
        self.init(id: id, context: .empty, fields: [:], writes: [:])
    }

    /// A state from its parts; use ``validated()`` on states that came from outside.
    public init(id: String, context: VersionVector, fields: [String: [Dot: FieldValue]], writes: [Dot: WriteMeta]) {
        self.id = id
        self.context = context
        self.fields = fields.filter { !$0.value.isEmpty }
        self.writes = writes
        pruneWrites()
    }

    /// The record's version, as shown to users and clients.
    public var version: VersionToken { VersionToken(context: context) }

    /// Drops metadata of dots that no field holds any more.
    mutating func pruneWrites() {
        let live = Set(fields.values.flatMap(\.keys))
        if live.count != writes.count { writes = writes.filter { live.contains($0.key) } }
    }
}
