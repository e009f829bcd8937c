public import Foundation

extension RecordState {
    /// The canonical JSON of the state: nodes that have seen the same writes produce the same
    /// bytes. Writes are grouped by dot, in dot order; keys are sorted.
    ///
    /// `{"context":{"mumbai.k3f9q2":2},"id":"…","writes":[{"at":…,"author":"asha",
    /// "fields":{"title":"…"},"n":2,"replica":"mumbai.k3f9q2"}]}`
    public var canonicalJSON: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    /// Appends the canonical JSON of the state to `writer`.
    public func write(to writer: inout JSONWriter) {
        // Every (dot, field, value), in dot order then field order: one sort, no grouping table.
        var entries: [(dot: Dot, name: String, value: FieldValue)] = []
        for (name, values) in fields {
            for (dot, value) in values { entries.append((dot, name, value)) }
        }
        entries.sort { $0.dot != $1.dot ? $0.dot < $1.dot : $0.name < $1.name }
        writer.raw("{\"context\":")
        writer.object(context.sorted.map { ($0.replica, $0.counter) }) { $0.integer($1) }
        writer.raw(",\"id\":")
        writer.string(id)
        writer.raw(",\"writes\":[")
        var index = entries.startIndex
        while index < entries.endIndex {
            let dot = entries[index].dot
            let meta = writes[dot] ?? WriteMeta(author: "", at: 0)
            if index > entries.startIndex { writer.raw(",") }
            writer.raw("{\"at\":")
            writer.integer(meta.at)
            writer.raw(",\"author\":")
            writer.string(meta.author)
            writer.raw(",\"fields\":{")
            var first = true
            while index < entries.endIndex, entries[index].dot == dot {
                if !first { writer.raw(",") }
                first = false
                writer.string(entries[index].name)
                writer.raw(":")
                writer.value(entries[index].value)
                index += 1
            }
            writer.raw("},\"n\":")
            writer.integer(dot.counter)
            writer.raw(",\"replica\":")
            writer.string(dot.replica)
            writer.raw("}")
        }
        writer.raw("]}")
    }

    /// Decodes and checks a state from its JSON (canonical or not): keys in any order, white
    /// space anywhere, unknown keys ignored at the top level and in writes, duplicate keys refused.
    /// Parsed straight from the UTF-8 bytes (see ``StateEnvelope`` for documents of many states).
    /// - Throws: ``StateDecodingError`` naming the record (when known) and the problem.
    public init(json: Data) throws(StateDecodingError) {
        let result: Result<RecordState, StateDecodingError> = json.withUnsafeBytes { bytes in
            guard bytes.count > 0 else {
                return .failure(StateDecodingError(recordID: nil, problem: "malformed state JSON: at top level: the input is empty"))
            }
            var reader = StateJSONReader(bytes)
            do throws(StateReadError) {
                let state = try reader.readRecordState()
                do throws(JSONSyntaxError) {
                    try reader.expectEnd()
                } catch {
                    return .failure(StateDecodingError(recordID: nil, problem: "malformed state JSON: \(error.text)"))
                }
                return .success(state)
            } catch {
                switch error {
                case .syntax(let syntax):
                    return .failure(StateDecodingError(recordID: nil, problem: "malformed state JSON: \(syntax.text)"))
                case .invalid(let recordID, let problem):
                    return .failure(StateDecodingError(recordID: recordID, problem: problem))
                }
            }
        }
        self = try result.get()
    }

    /// A state decoded by `JSONDecoder`, checked by the one validator every state goes through
    /// (``init(parsed:)``, as the hand-written parser's states are).
    init(wire: StateWire) throws(StateDecodingError) {
        var values: [(name: String, value: FieldValue)] = []
        let writes = wire.writes.map { write in
            let start = values.count
            values += write.fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return ParsedState.Write(
                at: write.at,
                author: write.author,
                fields: start..<values.count,
                n: write.n,
                replica: write.replica
            )
        }
        do throws(StateReadError) {
            try self.init(parsed: ParsedState(id: wire.id, context: wire.context, writes: writes, values: values))
        } catch {
            switch error {
            case .syntax(let syntax): throw StateDecodingError(recordID: wire.id, problem: syntax.text)
            case .invalid(let recordID, let problem): throw StateDecodingError(recordID: recordID, problem: problem)
            }
        }
    }
}

/// A state that could not be decoded or is inconsistent.
public struct StateDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The record concerned, when the JSON got that far.
    public let recordID: String?
    /// What is wrong.
    public let problem: String
    /// Where the state is in a larger document (`states[3]`), when it came from one.
    public var location: String? = nil

    /// An error about the record `recordID` (nil for the document itself, as a sync answer's
    /// own keys are): `problem` says what is wrong.
    public init(recordID: String?, problem: String) {
        self.recordID = recordID
        self.problem = problem
    }

    public var description: String {
        let text = recordID.map { "record \($0): \(problem)" } ?? problem
        return location.map { "\($0): \(text)" } ?? text
    }
}

/// The JSON shape of a state.
struct StateWire: Decodable {
    struct Write: Decodable {
        let at: Int64
        let author: String
        let fields: [String: FieldValue]
        let n: UInt64
        let replica: String
    }

    let context: [String: UInt64]
    let id: String
    let writes: [Write]
}

extension FieldValue: Decodable {
    /// Decodes a JSON string, number, boolean, array of strings or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            guard number.isFinite else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "number is not finite")
            }
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let items = try? container.decode([String].self) {
            self = .list(items)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a string, number, boolean, list of strings or null"
            )
        }
    }
}

/// Short, readable text for Foundation's decoding errors.
public enum DecodingErrorText {
    /// `at writes[0].fields.title: expected a string …` rather than Foundation's long dump.
    public static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): missing key \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.localizedDescription
            return "at \(path(context.codingPath)): \(underlying ?? context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

extension RecordState: Decodable {
    /// Decodes and checks a state inside a larger JSON document (a bundle, a sync batch);
    /// an inconsistent state fails with a `DecodingError` whose text names the record and problem.
    public init(from decoder: any Decoder) throws {
        let wire = try StateWire(from: decoder)
        do {
            try self.init(wire: wire)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
