public import Foundation


/// The write events that travel with states in a changes page, a push batch or a bundle
/// (docs/design.md §10): a top-level `"events": [event, ...]` array beside `"states"`, each event
/// naming its record. An event that does not decode puts its record in quarantine, not the batch.
public struct SentEvents: Sendable {
    /// The events by record id.
    public var byRecord: [String: [WriteEvent]] = [:]
    /// Records whose sent events do not decode, with the problem.
    public var problems: [String: String] = [:]

    /// No events.
    public init() {}

    /// The events of a document's `"events"` array (none when it has no such key).
    /// - Throws: ``StateDecodingError`` when the array is not an array of objects.
    public static func parse(_ data: Data) throws(StateDecodingError) -> SentEvents {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw StateDecodingError(recordID: nil, problem: "malformed events: \(DecodingErrorText.describe(error))")
        }
        var sent = SentEvents()
        for slot in document.events ?? [] {
            switch slot.event {
            case .success(let event): sent.byRecord[event.recordID, default: []].append(event)
            case .failure(let error): sent.problems[slot.recordID ?? ""] = "bad event: \(error)"
            }
        }
        return sent
    }

    /// Appends `,"events":[...]` with the canonical JSON of `events` to a document being written.
    public static func write(_ events: some Sequence<String>, to writer: inout JSONWriter) {
        writer.raw(",\"events\":")
        writer.array(Array(events)) { $0.raw($1) }
    }

    private struct Document: Decodable {
        let events: [Slot]?
    }

    /// One element of the array: the event, or why it does not decode and its record.
    private struct Slot: Decodable {
        let event: Result<WriteEvent, DecodingFailure>
        let recordID: String?

        private enum Keys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            recordID = try? decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .id)
            do {
                event = .success(try WriteEvent(from: decoder))
            } catch {
                event = .failure(DecodingFailure(text: DecodingErrorText.describe(error)))
            }
        }
    }

    private struct DecodingFailure: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }
}
