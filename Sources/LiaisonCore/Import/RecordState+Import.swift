extension RecordState {
    /// The values of a spreadsheet row that change this record, and the read context to write
    /// them against: what an import writes for a row with this record's id.
    ///
    /// Without `version` (a sheet typed by hand), every cell that differs from what the record
    /// shows now, against its current context. With the `version` the row was exported at
    /// (``RecordCSV``), only the cells the person changed in the file (those that differ from
    /// what the record showed at that version), against that version: a field written since the
    /// export (at this office or another) keeps that write, settled when the person left the
    /// cell as exported and as a conflict beside their value when they changed it. Nothing
    /// written since is lost, and a cell left as it was exported writes nothing.
    ///
    /// What the record showed at `version` is this state's value where no entry of the field is
    /// newer; else it is replayed from `events` (the record's write log), asked for only then.
    /// When the log cannot give it (the version names writes this node has not received, or
    /// the log was reconstructed from a store older than it), a changed cell is written, so a
    /// conflict shows rather than any value being dropped.
    public func importChanges(
        _ values: [String: FieldValue],
        exportedAt version: VersionVector?,
        events: () throws -> [WriteEvent]
    ) rethrows -> (values: [String: FieldValue], readContext: VersionVector) {
        func shown(_ state: RecordState, _ name: String) -> FieldValue { state.displayValue(of: name) ?? .null }
        let differing = values.filter { shown(self, $0.key) != $0.value }
        guard let version else { return (differing, context) }
        // What the record showed at `version`: replayed once, when first needed (`.some(nil)`
        // when the log cannot give it).
        var exported: RecordState??
        var changes: [String: FieldValue] = [:]
        for (name, value) in differing {
            if (fields[name] ?? [:]).keys.allSatisfy(version.contains) {
                changes[name] = value
                continue
            }
            if exported == nil { exported = try Self.replayed(events(), at: version, id: id) }
            if let asExported = exported!, shown(asExported, name) == value { continue }
            changes[name] = value
        }
        return (changes, version)
    }

    /// The state at `version` replayed from `events`, or nil when they do not hold every write
    /// of it as it was made.
    private static func replayed(_ events: [WriteEvent], at version: VersionVector, id: String) -> RecordState? {
        let seen = events.filter { version.contains($0.dot) }
        let writes = version.counters.values.reduce(0, +)
        guard UInt64(seen.count) == writes, !seen.contains(where: \.reconstructed) else { return nil }
        return RecordState(replaying: seen, id: id)
    }
}
