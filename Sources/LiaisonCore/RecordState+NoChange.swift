extension RecordState {
    /// The values of `values` that a write against `readContext` would change: every one but
    /// those whose field already holds exactly that value, settled, in entries the writer saw
    /// (each entry's dot in `readContext`). A field never written holds `null`.
    ///
    /// A value left out this way is a field the write leaves alone (docs/design.md §4, "A
    /// write that changes nothing"): writing it again would only replace entries that hold
    /// the same value with a new one, which a concurrent change of the field at another office
    /// never saw, and so a conflict between that change and the unchanged value. A field in
    /// conflict, or holding an entry the writer never saw, is always kept: writing it settles
    /// the conflict, or makes one with the write the writer never saw, as any write does.
    public func changes(in values: [String: FieldValue], readContext: VersionVector) -> [String: FieldValue] {
        values.filter { name, value in !holds(value, in: name, seenAt: readContext) }
    }

    /// Whether `field` holds exactly `value`, settled, in entries all in `read`.
    private func holds(_ value: FieldValue, in field: String, seenAt read: VersionVector) -> Bool {
        guard let entries = fields[field], !entries.isEmpty else { return value.isNull }
        return entries.allSatisfy { dot, held in held == value && read.contains(dot) }
    }

    /// Applies an edit of `values` against `readContext`, as ``loggedWrite(_:readContext:replica:meta:)``
    /// does, writing only the values it changes (``changes(in:readContext:)``); `nil`, with the
    /// state untouched, when it changes nothing: every value is already held and seen, and the
    /// record is neither deleted nor in a delete conflict. An edit of a record deleted, or in a
    /// delete conflict, is written even so, with every value it names, as it always was: the
    /// writer never saw that delete (a writer who saw it is refused before), and the edit
    /// shows as a conflict on ``deletedField``.
    public mutating func loggedEdit(
        _ values: [String: FieldValue],
        readContext: VersionVector,
        replica: String,
        meta: WriteMeta
    ) throws(WriteError) -> WriteEvent? {
        let changed = changes(in: values, readContext: readContext)
        if changed.isEmpty && !isDeleted && !isConflicted(deletedField) { return nil }
        return try loggedWrite(changed.isEmpty ? values : changed, readContext: readContext, replica: replica, meta: meta)
    }

    /// Applies a resolution of `values`, as ``loggedResolve(_:replica:meta:)`` does, writing
    /// only the fields it changes, and ``deletedField`` as a resolution always writes it (so
    /// that a delete made at the same time elsewhere is a conflict, as with any edit); `nil`,
    /// with the state untouched, when it changes nothing: every field it names is settled at
    /// that value already (a field in conflict never is), and so is ``deletedField`` (`false`
    /// unless it names it).
    public mutating func loggedSettle(_ values: [String: FieldValue], replica: String, meta: WriteMeta) throws(WriteError) -> WriteEvent? {
        let changed = changes(in: Self.resolution(values), readContext: context)
        if changed.isEmpty { return nil }
        let written = values.filter { changed[$0.key] != nil || $0.key == deletedField }
        return try loggedResolve(written, replica: replica, meta: meta)
    }
}
