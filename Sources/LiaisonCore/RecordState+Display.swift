/// One value of a field, with the write that made it.
public struct FieldEntry: Hashable, Sendable {
    /// The write that made this value.
    public let dot: Dot
    /// The value written.
    public let value: FieldValue
    /// Who wrote it and when.
    public let meta: WriteMeta

    /// Whether this entry is shown ahead of `other` when `field` is in conflict: the later
    /// wall-clock time wins, then the larger replica id, then the larger counter. In
    /// ``deletedField``, `false` comes first whatever its time: a record whose delete is in
    /// conflict with an edit stays visible until someone resolves it (docs/design.md §4).
    func outranks(_ other: FieldEntry, in field: String) -> Bool {
        if field == deletedField, value != other.value { return value == .bool(false) }
        return (meta.at, dot.replica, dot.counter) > (other.meta.at, other.dot.replica, other.dot.counter)
    }
}

extension RecordState {
    /// The entries of a field, the displayed one first (see ``FieldEntry``'s ranking).
    public func entries(of field: String) -> [FieldEntry] {
        (fields[field] ?? [:]).map { entry($0.key, $0.value) }.sorted { $0.outranks($1, in: field) }
    }

    /// The value every node shows for a field: the settled value, or, when in conflict, the
    /// provisional winner. `nil` when the field was never written.
    public func displayValue(of field: String) -> FieldValue? {
        fields[field].flatMap { winner($0, in: field) }
    }

    /// The value of the top-ranked entry of `field` (see ``FieldEntry``), found without sorting.
    private func winner(_ entries: [Dot: FieldValue], in field: String) -> FieldValue? {
        guard let first = entries.first else { return nil }
        guard entries.count > 1 else { return first.value }
        var best = entry(first.key, first.value)
        for (dot, value) in entries.dropFirst() {
            let candidate = entry(dot, value)
            if candidate.outranks(best, in: field) { best = candidate }
        }
        return best.value
    }

    private func entry(_ dot: Dot, _ value: FieldValue) -> FieldEntry {
        FieldEntry(dot: dot, value: value, meta: writes[dot] ?? WriteMeta(author: "", at: 0))
    }

    private static func holdsDifferentValues(_ entries: [Dot: FieldValue]) -> Bool {
        guard entries.count > 1, let first = entries.first?.value else { return false }
        return entries.values.contains { $0 != first }
    }

    /// Whether the field holds two or more different values.
    public func isConflicted(_ field: String) -> Bool {
        fields[field].map(Self.holdsDifferentValues) ?? false
    }

    /// The fields in conflict, sorted by name.
    public var conflictedFields: [String] {
        fields.keys.filter(isConflicted).sorted()
    }

    /// Whether the record shows as deleted (the display value of ``deletedField``): only when
    /// every value of it is `true`. An edit concurrent with a delete is a conflict on
    /// ``deletedField``, and the record shows as not deleted until it is resolved.
    public var isDeleted: Bool {
        displayValue(of: deletedField) == .bool(true)
    }

    /// The display value of every field but ``deletedField``; cleared fields are left out.
    public var displayValues: [String: FieldValue] {
        displaySummary.values
    }

    /// ``displayValues``, ``isDeleted`` and whether ``conflictedFields`` is empty, found in one
    /// pass over the fields (the store works these out for every state it saves).
    public var displaySummary: DisplaySummary {
        var summary = DisplaySummary()
        for (name, entries) in fields {
            guard let shown = winner(entries, in: name) else { continue }
            if Self.holdsDifferentValues(entries) {
                summary.conflicted = true
                if name != deletedField { summary.otherValues[name] = Self.others(than: shown, in: entries) }
            }
            if name == deletedField {
                summary.deleted = shown == .bool(true)
            } else if !shown.isNull {
                summary.values[name] = shown
            }
        }
        return summary
    }

    /// The different values of `entries` but `shown`, in the order of their writes' dots.
    private static func others(than shown: FieldValue, in entries: [Dot: FieldValue]) -> [FieldValue] {
        var others: [FieldValue] = []
        for (_, value) in entries.sorted(by: { $0.key < $1.key }) where value != shown && !others.contains(value) {
            others.append(value)
        }
        return others
    }

    /// The wall-clock time of the latest write still live in the state (ms since 1970).
    public var updatedAt: Int64 {
        writes.values.map(\.at).max() ?? 0
    }
}

/// What a state shows, worked out in one pass: see ``RecordState/displaySummary``.
public struct DisplaySummary: Hashable, Sendable {
    /// The display value of every field but `deleted`; cleared fields are left out.
    public var values: [String: FieldValue] = [:]
    /// Whether the record shows as deleted.
    public var deleted = false
    /// Whether any field (`deleted` included) holds two or more different values.
    public var conflicted = false
    /// Each field in conflict (`deleted` aside) with the values it holds besides its display
    /// value, a cleared value included (`null`), in the order of their writes' dots.
    public var otherValues: [String: [FieldValue]] = [:]
}
