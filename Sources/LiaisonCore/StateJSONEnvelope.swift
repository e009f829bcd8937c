import Foundation

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
    /// The states, in order.
    public let states: [RecordState]

    /// Parses `{"key": scalar, ..., "<statesKey>": [<state>, ...]}`: keys in any order, white
    /// space anywhere, duplicate keys refused, nested values other than the states skipped.
    /// - Throws: ``StateDecodingError``: for malformed JSON, `malformed JSON: at states[3].writes[0].n: …`;
    ///   for an inconsistent state, one whose ``StateDecodingError/location`` is `states[3]` and
    ///   whose description reads `states[3]: record X: write … is not in the state's context`.
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
        do {
            try beginObject()
            var first = true
            while let key = try nextKey(&first) {
                guard fields[key] == nil, !(key == statesKey && states != nil) else {
                    throw fail("duplicate key \"\(key)\"")
                }
                if key == statesKey {
                    states = try readStates()
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
        return StateEnvelope(fields: fields, states: states)
    }

    /// Reads the states array; a state's syntax error comes out as a ``JSONSyntaxError`` with
    /// its path, an inconsistent state as a ``StateDecodingError`` located at `states[i]`.
    private mutating func readStates() throws -> [RecordState] {
        do { try beginArray() } catch { throw error.within("states") }
        var states: [RecordState] = []
        var first = true
        while true {
            do {
                guard try nextElement(&first) else { break }
            } catch {
                throw error.within("states")
            }
            do {
                states.append(try readRecordState())
            } catch {
                switch error {
                case .syntax(let syntax):
                    throw syntax.within(index: states.count).within("states")
                case .invalid(let recordID, let problem):
                    throw StateDecodingError(recordID: recordID, problem: problem, location: "states[\(states.count)]")
                }
            }
        }
        return states
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
