/// A record's write log as a timeline (docs/design.md §10), newest first: each event with the
/// values it replaced and whether it was made without seeing another live write.
///
/// JSON of an entry: `{"at","author","concurrent","dot","fields":{name: value},"office",
/// "reconstructed","replica","superseded":{name: [values]}}`.
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

    /// Whether it settled a conflict: it replaced two or more different values of a field.
    public var isResolution: Bool { superseded.values.contains { Set($0).count > 1 } }

    /// The timeline of a record's events, newest first (by time, then dot, so every node that
    /// holds the same log shows the same order).
    public static func timeline(_ events: [WriteEvent]) -> [HistoryEntry] {
        let entries = events.map { event in
            let seen = events.filter { event.readContext.contains($0.dot) }
            let before = RecordState(replaying: seen, id: event.recordID)
            var superseded: [String: [FieldValue]] = [:]
            for name in event.values.keys {
                let values = (before.fields[name] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
                if !values.isEmpty { superseded[name] = values }
            }
            let concurrent = events.contains { other in
                other.dot != event.dot && !event.readContext.contains(other.dot) && !other.readContext.contains(event.dot)
                    && other.values.contains { name, value in event.values[name].map { $0 != value } ?? false }
            }
            return HistoryEntry(event: event, superseded: superseded, concurrent: concurrent)
        }
        return entries.sorted {
            $0.event.meta.at != $1.event.meta.at ? $0.event.meta.at > $1.event.meta.at : $0.event.dot > $1.event.dot
        }
    }

    /// The entry as JSON with sorted keys; `at` as ISO 8601 UTC.
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
        writer.raw("}")
    }

    /// A timeline as a JSON array.
    public static func json(_ entries: [HistoryEntry]) -> String {
        var writer = JSONWriter()
        writer.array(entries) { writer, entry in entry.write(to: &writer) }
        return writer.output
    }
}
