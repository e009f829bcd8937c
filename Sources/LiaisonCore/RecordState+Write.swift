/// The reserved field that marks a record deleted (`true`) or existing (`false`).
public let deletedField = "deleted"

extension RecordState {
    /// Applies a local write at `replica` (docs/design.md §4).
    ///
    /// The write takes dot `(replica, context[replica] + 1)`. Each written field gets the new
    /// entry plus the stored entries whose dots are not in `readContext`: writes the writer
    /// never saw stay, as a conflict. Fields not written are untouched.
    ///
    /// Unless `values` sets ``deletedField`` itself, the write also writes `deleted = false`.
    ///
    /// ```swift
    /// var state = RecordState(id: id)
    /// state.write(["title": .text("Lithium refinery JV")], readContext: .empty,
    ///             replica: "mumbai.k3f9q2", meta: WriteMeta(author: "asha", at: now))
    /// ```
    /// - Returns: the new write's dot.
    @discardableResult
    public mutating func write(
        _ values: [String: FieldValue], readContext: VersionVector, replica: String, meta: WriteMeta
    ) -> Dot {
        var values = values
        if values[deletedField] == nil { values[deletedField] = .bool(false) }
        let dot = Dot(replica: replica, counter: context[replica] + 1)
        for (name, value) in values {
            var entries = (fields[name] ?? [:]).filter { !readContext.contains($0.key) }
            entries[dot] = value
            fields[name] = entries
        }
        context.add(dot)
        writes[dot] = meta
        pruneWrites()
        return dot
    }

    /// Deletes the record: a write of `deleted = true` against `readContext`.
    @discardableResult
    public mutating func delete(readContext: VersionVector, replica: String, meta: WriteMeta) -> Dot {
        write([deletedField: .bool(true)], readContext: readContext, replica: replica, meta: meta)
    }

    /// Settles fields: a write whose read context is the whole current context, so it covers
    /// every entry and every node that merges it settles the same way.
    @discardableResult
    public mutating func resolve(_ values: [String: FieldValue], replica: String, meta: WriteMeta) -> Dot {
        write(values, readContext: context, replica: replica, meta: meta)
    }
}
