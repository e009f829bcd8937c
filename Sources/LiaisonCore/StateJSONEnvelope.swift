public import Foundation

/// A top-level value of a ``StateEnvelope`` other than its states.
public enum EnvelopeScalar: Hashable, Sendable {
    case string(String)
    /// A number without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case bool(Bool)
    case null
    /// An object or array: skipped (its syntax checked), its content not kept.
    case compound
}

/// A JSON document that carries record states: a sync batch, a changes page, a bundle.
///
/// ```swift
/// let batch = try StateEnvelope.parse(body)            // {"replica_id": "...", "states": [...]}
/// let sender = try batch.string("replica_id")
/// store.merge(batch.states, from: sender)
/// ```
///
/// Parsed straight from UTF-8 bytes (no `JSONDecoder`); each state is checked as
/// ``RecordState/init(json:)`` checks it.
public struct StateEnvelope: Sendable {
    /// The top-level members other than the states, by key.
    public let fields: [String: EnvelopeScalar]
    /// The states that passed the parser's checks, in order.
    public let states: [RecordState]
    /// The states that are well-formed JSON but not valid states (wrong types, missing keys,
    /// writes outside the context, over the size limit, ...): to be quarantined, never merged.
    public let rejected: [RejectedState]
    /// The write events of the document's `"events"` array, when it has one (docs/design.md §10).
    public let events: SentEvents

    /// Parses `{"key": scalar, ..., "<statesKey>": [<state>, ...], "events": [<event>, ...]}`:
    /// keys in any order, white space anywhere, duplicate keys refused, nested values other than
    /// the states and events skipped.
    ///
    /// A state that is well-formed JSON but not a valid state goes to ``rejected`` with its
    /// bytes; the document itself is still read (docs/design.md, "Intake").
    /// - Throws: ``StateDecodingError`` when the document is not well-formed JSON
    ///   (`malformed JSON: at states[3].writes[0]: expected ',' or '}' (byte 212)`): nothing of it
    ///   can be trusted, so nothing of it is used.
    public static func parse(_ data: Data, statesKey: String = "states") throws(StateDecodingError) -> StateEnvelope {
        let result: Result<StateEnvelope, StateDecodingError> = data.withUnsafeBytes { bytes in
            guard bytes.count > 0 else {
                return .failure(StateDecodingError(recordID: nil, problem: "malformed JSON: at top level: the input is empty"))
            }
            var reader = StateJSONReader(bytes)
            do throws(StateDecodingError) {
                return .success(try reader.readEnvelope(statesKey: statesKey))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The string at `key`.
    /// - Throws: ``StateDecodingError`` `at top level: missing key "key"` or `at key: expected a string`.
    public func string(_ key: String) throws(StateDecodingError) -> String {
        guard case .string(let text) = try scalar(key) else { throw mismatch(key, "a string") }
        return text
    }

    /// The integer at `key`.
    public func integer(_ key: String) throws(StateDecodingError) -> Int64 {
        switch try scalar(key) {
        case .integer(let value): return value
        case .number(let number):
            guard let value = Int64(exactly: number) else { throw mismatch(key, "a 64-bit integer") }
            return value
        default: throw mismatch(key, "an integer")
        }
    }

    /// The boolean at `key`.
    public func bool(_ key: String) throws(StateDecodingError) -> Bool {
        guard case .bool(let flag) = try scalar(key) else { throw mismatch(key, "true or false") }
        return flag
    }

    private func scalar(_ key: String) throws(StateDecodingError) -> EnvelopeScalar {
        guard let value = fields[key] else {
            throw StateDecodingError(recordID: nil, problem: "at top level: missing key \"\(key)\"")
        }
        return value
    }

    private func mismatch(_ key: String, _ expected: String) -> StateDecodingError {
        StateDecodingError(recordID: nil, problem: "at \(key): expected \(expected)")
    }
}

extension StateJSONReader {
    mutating func readEnvelope(statesKey: String) throws(StateDecodingError) -> StateEnvelope {
        var fields: [String: EnvelopeScalar] = [:]
        var states: [RecordState]?
        var rejected: [RejectedState] = []
        var events: SentEvents?
        do {
            try beginObject()
            var first = true
            while let key = try nextKey(&first) {
                guard fields[key] == nil, !(key == statesKey && states != nil), !(key == "events" && events != nil) else {
                    throw fail("duplicate key \"\(key)\"")
                }
                if key == statesKey {
                    states = try readStates(rejecting: &rejected)
                } else if key == "events" {
                    var sent = SentEvents()
                    try readEvents(into: &sent)
                    events = sent
                } else {
                    do { fields[key] = try readScalar() } catch { throw error.within(key) }
                }
            }
            try expectEnd()
        } catch let error as JSONSyntaxError {
            throw StateDecodingError(recordID: nil, problem: "malformed JSON: \(error.text)")
        } catch let error as StateDecodingError {
            throw error
        } catch {
            throw StateDecodingError(recordID: nil, problem: "malformed JSON: \(error)")
        }
        guard let states else {
            throw StateDecodingError(recordID: nil, problem: "at top level: missing key \"\(statesKey)\"")
        }
        return StateEnvelope(fields: fields, states: states, rejected: rejected, events: events ?? SentEvents())
    }

    /// Reads the array at `key` one element at a time with `read`, and gives `handle` each
    /// element's outcome with its position, where it starts, and the reader just past it. An
    /// element that is well-formed JSON but not what `read` expects is skipped and handled as a
    /// failure; a syntax error that leaves the array unreadable is thrown with its path.
    mutating func readElements<Element>(
        of key: String,
        _ read: (inout StateJSONReader) throws(StateReadError) -> Element,
        _ handle: (_ reader: StateJSONReader, _ position: Int, _ start: Int, Result<Element, StateReadError>) -> Void
    ) throws(JSONSyntaxError) {
        do { try beginArray() } catch { throw error.within(key) }
        var position = 0
        var first = true
        while true {
            do {
                guard try nextElement(&first) else { break }
            } catch {
                throw error.within(key)
            }
            skipWhitespace()
            let start = index
            do throws(StateReadError) {
                let element = try read(&self)
                handle(self, position, start, .success(element))
            } catch {
                if case .syntax(let syntax) = error {
                    index = start
                    do { try skipValue(depth: 1) } catch { throw syntax.within(index: position).within(key) }
                }
                handle(self, position, start, .failure(error))
            }
            position += 1
        }
    }

    /// Reads the states array. A state that is well-formed JSON but not a valid state (or over
    /// ``IntakeLimits/maxIntakeStateBytes``) is added to `rejected`.
    private mutating func readStates(rejecting rejected: inout [RejectedState]) throws(JSONSyntaxError) -> [RecordState] {
        var states: [RecordState] = []
        try readElements(of: "states", { reader throws(StateReadError) in try reader.readRecordState() }) { reader, position, start, outcome in
            switch outcome {
            case .success(let state) where reader.index - start > IntakeLimits.maxIntakeStateBytes:
                let problem = "state of \(reader.index - start) bytes is over the limit of \(IntakeLimits.maxIntakeStateBytes) (2 MiB)"
                rejected.append(reader.rejection(position, state.id, problem, from: start))
            case .success(let state):
                states.append(state)
            case .failure(.syntax(let syntax)):
                rejected.append(reader.rejection(position, reader.recordID(from: start), "not a valid state: \(syntax.text)", from: start))
            case .failure(.invalid(let recordID, let problem)):
                rejected.append(reader.rejection(position, recordID, problem, from: start))
            }
        }
        return states
    }

    /// The rejected state that runs from `start` to the cursor.
    private func rejection(_ position: Int, _ recordID: String?, _ problem: String, from start: Int) -> RejectedState {
        let kept = min(index - start, IntakeLimits.maxQuarantinedBytes)
        return RejectedState(
            index: position,
            recordID: recordID,
            problem: problem,
            bytes: Array(UnsafeBufferPointer(start: base + start, count: kept)),
            size: index - start
        )
    }

    /// The `id` of the object at `start`, when it has a string one (for naming a rejected state).
    func recordID(from start: Int) -> String? {
        var reader = self
        reader.index = start
        do {
            try reader.beginObject()
            var first = true
            while let key = try reader.nextKey(&first) {
                if key == "id", reader.peek == UInt8(ascii: "\"") {
                    let id = try reader.readString()
                    return RecordID.isValid(id) ? id : nil
                }
                try reader.skipValue(depth: 1)
            }
        } catch {}
        return nil
    }

    private mutating func readScalar() throws(JSONSyntaxError) -> EnvelopeScalar {
        switch peek {
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try scanNumber()
            if token.isInteger, let magnitude = magnitude(of: token) {
                if !token.negative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
                if token.negative, magnitude <= UInt64(Int64.max) + 1 {
                    return .integer(Int64(truncatingIfNeeded: 0 &- magnitude))
                }
            }
            return .number(try finiteDouble(of: token))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try readKeyword().map { .bool($0) } ?? .null
        default:
            try skipValue(depth: 1)
            return .compound
        }
    }
}

/// A state that a document carried but that the intake refused: quarantined with its bytes,
/// never merged (docs/design.md, "Intake").
public struct RejectedState: Hashable, Sendable {
    /// Its position in the document's states.
    public let index: Int
    /// The record it names, when that could be read.
    public let recordID: String?
    /// The rule it broke.
    public let problem: String
    /// Its bytes as received, up to ``IntakeLimits/maxQuarantinedBytes``.
    public let bytes: [UInt8]
    /// Its whole size in bytes.
    public let size: Int

    /// A rejected state.
    public init(index: Int, recordID: String?, problem: String, bytes: [UInt8], size: Int) {
        self.index = index
        self.recordID = recordID
        self.problem = problem
        self.bytes = bytes
        self.size = size
    }
}
