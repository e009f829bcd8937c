/// A record's write log as a timeline (docs/design.md §10), newest first: each event with the
/// values it replaced and whether it was made without seeing another live write.
///
/// JSON of an entry: `{"at","author","concurrent","dot","fields":{name: value},"office",
/// "reconstructed","replica","superseded":{name: [values]},"time_out_of_range"}`.
public struct HistoryEntry: Hashable, Sendable {
    /// The event.
    public let event: WriteEvent
    /// Per field it wrote, the values live before it that its read context covered.
    public let superseded: [String: [FieldValue]]
    /// Whether it was made without seeing another write of a different value to one of its
    /// fields (one side of a conflict).
    public let concurrent: Bool

    /// The office the write was made at: the replica id up to its dot.
    public var office: String { String(event.dot.replica.prefix { $0 != "." }) }

    /// The different values of `field` it replaced, each once, in order: several writes it
    /// replaced may hold one value (`false | false | false` read as a conflict where there was none).
    public func replacedValues(of field: String) -> [FieldValue] {
        var seen: Set<FieldValue> = []
        return (superseded[field] ?? []).filter { seen.insert($0).inserted }
    }

    /// Whether it settled a conflict: it replaced two or more different values of a field.
    public var isResolution: Bool { superseded.values.contains { Set($0).count > 1 } }

    /// The timeline of a record's events, newest first: never an event below one that happened
    /// before it, else by time, then dot, so every node that holds the same log shows the same
    /// order (``CausalOrder``).
    public static func timeline(_ events: [WriteEvent]) -> [HistoryEntry] {
        page(of: events, after: nil, limit: .max)!.entries
    }

    /// Up to `limit` entries of the timeline of a record's events, from just after the entry
    /// whose dot is `cursor` (from the newest without one); nil when no event has that dot.
    ///
    /// Costs in proportion to the entries asked for times the writes of their fields, not to
    /// replaying the log once per entry: a record edited thousands of times pages in
    /// milliseconds (docs/design.md §10).
    public static func page(of events: [WriteEvent], after cursor: Dot?, limit: Int) -> HistoryPage? {
        let ordered = CausalOrder.newestFirst(events)
        var start = ordered.startIndex
        if let cursor {
            guard let index = ordered.firstIndex(where: { $0.dot == cursor }) else { return nil }
            start = index + 1
        }
        let end = start + min(limit, ordered.endIndex - start)
        let writes = FieldWrites(events)
        let entries = ordered[start..<end].map(writes.entry)
        return HistoryPage(entries: entries, next: end < ordered.endIndex ? entries.last?.event.dot : nil)
    }

    /// The entry as JSON with sorted keys; `at` as ISO 8601 UTC, as stored, and
    /// `time_out_of_range` true when it lies outside the range every office accepts
    /// (``WriteEvent/isTimeOutOfRange``).
    public func write(to writer: inout JSONWriter) {
        writer.raw("{\"at\":")
        writer.string(Timestamp.iso(event.meta.at))
        writer.raw(",\"author\":")
        writer.string(event.meta.author)
        writer.raw(",\"concurrent\":\(concurrent),\"dot\":")
        writer.string(event.dot.description)
        writer.raw(",\"fields\":")
        writer.object(event.values.sorted { $0.key < $1.key }) { $0.value($1) }
        writer.raw(",\"office\":")
        writer.string(office)
        writer.raw(",\"reconstructed\":\(event.reconstructed),\"replica\":")
        writer.string(event.dot.replica)
        writer.raw(",\"superseded\":")
        writer.object(superseded.sorted { $0.key < $1.key }) { writer, values in writer.array(values) { $0.value($1) } }
        writer.raw(",\"time_out_of_range\":\(event.isTimeOutOfRange)}")
    }

    /// A timeline as a JSON array.
    public static func json(_ entries: [HistoryEntry]) -> String {
        var writer = JSONWriter()
        writer.array(entries) { writer, entry in entry.write(to: &writer) }
        return writer.output
    }
}
