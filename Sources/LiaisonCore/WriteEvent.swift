/// One write as it was made (docs/design.md §10): it never changes. A record's events, in any
/// causal order, replay to its state (``RecordState/init(replaying:id:)``).
public struct WriteEvent: Hashable, Sendable {
    /// The record written.
    public let recordID: String
    /// The write's dot: events are keyed by (record, dot).
    public let dot: Dot
    /// Who made the write and when.
    public let meta: WriteMeta
    /// The writes the writer saw and named: the read context it gave, within what its replica
    /// held at the time (so the entries it replaced are exactly those in it). Empty when unknown.
    public let readContext: VersionVector
    /// Every field it wrote with its value, the implied `deleted = false` included where the
    /// write made one (``RecordState/valuesWritten(by:)``).
    public let values: [String: FieldValue]
    /// Made from a live entry of a store older than the log: its read context is unknown, and
    /// it holds only the fields that dot still held.
    public let reconstructed: Bool

    /// An event from its parts.
    public init(
        recordID: String,
        dot: Dot,
        meta: WriteMeta,
        readContext: VersionVector,
        values: [String: FieldValue],
        reconstructed: Bool = false
    ) {
        self.recordID = recordID
        self.dot = dot
        self.meta = meta
        self.readContext = readContext
        self.values = values
        self.reconstructed = reconstructed
    }
}

extension VersionVector {
    /// The pointwise minimum: the dots in both vectors.
    public func met(with other: VersionVector) -> VersionVector {
        var result: [String: UInt64] = [:]
        for (replica, counter) in counters {
            if let theirs = other.counters[replica] { result[replica] = Swift.min(counter, theirs) }
        }
        return VersionVector(result)
    }
}

extension RecordState {
    /// Applies a local write (``write(_:readContext:replica:meta:)``) and returns it as an event.
    public mutating func loggedWrite(
        _ values: [String: FieldValue],
        readContext: VersionVector,
        replica: String,
        meta: WriteMeta
    ) throws(WriteError) -> WriteEvent {
        let before = context
        let written = valuesWritten(by: values)
        let dot = try write(written, readContext: readContext, replica: replica, meta: meta)
        return WriteEvent(recordID: id, dot: dot, meta: meta, readContext: readContext.met(with: before), values: written)
    }

    /// Applies a resolution (``resolve(_:replica:meta:)``) and returns it as an event.
    public mutating func loggedResolve(_ values: [String: FieldValue], replica: String, meta: WriteMeta) throws(WriteError) -> WriteEvent {
        try loggedWrite(Self.resolution(values), readContext: context, replica: replica, meta: meta)
    }

    /// The events of the live entries, as a store older than the log can give them: one per
    /// live dot with the fields that dot still holds, marked reconstructed.
    public var reconstructedEvents: [WriteEvent] {
        var values: [Dot: [String: FieldValue]] = [:]
        for (name, entries) in fields {
            for (dot, value) in entries { values[dot, default: [:]][name] = value }
        }
        return values.keys.sorted().map { dot in
            WriteEvent(
                recordID: id,
                dot: dot,
                meta: writes[dot] ?? WriteMeta(author: "", at: 0),
                readContext: .empty,
                values: values[dot]!,
                reconstructed: true
            )
        }
    }

    /// The state that a record's events give: the write rule of §4 applied to them in a causal
    /// order. Order does not matter: an entry `(d, v)` of field f is live iff no event writing f
    /// names d in its read context, so the state is worked out from the set directly.
    /// The context holds every event's dot.
    public init(replaying events: [WriteEvent], id: String) {
        var context = VersionVector.empty
        var writers: [String: [WriteEvent]] = [:]
        for event in events {
            context.add(event.dot)
            for name in event.values.keys { writers[name, default: []].append(event) }
        }
        var fields: [String: [Dot: FieldValue]] = [:]
        var writes: [Dot: WriteMeta] = [:]
        for (name, candidates) in writers {
            for event in candidates where !candidates.contains(where: { $0.readContext.contains(event.dot) }) {
                fields[name, default: [:]][event.dot] = event.values[name]!
                writes[event.dot] = event.meta
            }
        }
        self.init(id: id, context: context, fields: fields, writes: writes)
    }
}
