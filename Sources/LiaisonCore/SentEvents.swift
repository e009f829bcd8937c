/// The write events that travel with states in a changes page, a push batch or a bundle
/// (docs/design.md §10): a top-level `"events": [event, ...]` array beside `"states"`, each event
/// naming its record, read by ``StateEnvelope/parse(_:statesKey:)``. An event that does not
/// decode puts its record in quarantine, not the batch.
public struct SentEvents: Sendable {
    /// The events by record id.
    public var byRecord: [String: [WriteEvent]] = [:]
    /// Records whose sent events do not decode, with the problem.
    public var problems: [String: String] = [:]

    /// No events.
    public init() {}

    /// Appends `,"events":[...]` with the canonical JSON of `events` to a document being written.
    public static func write(_ events: some Sequence<String>, to writer: inout JSONWriter) {
        writer.raw(",\"events\":")
        writer.array(Array(events)) { $0.raw($1) }
    }
}
