public import Foundation

/// A JSON object of field values, as an API body carries a write (`{"title": "…",
/// "tracks": ["sccp"], "notes": null}`), read as strictly as states are: valid UTF-8, no
/// duplicate keys, no trailing commas.
public enum FieldsJSON {
    /// Why a body could not be read.
    public enum Failure: Error, Hashable, Sendable {
        /// Not JSON at all (or duplicate keys, invalid UTF-8, ...), with where and what.
        case malformed(String)
        /// Valid JSON, but not an object.
        case notAnObject
    }

    /// The members in order: each name with its value, or `nil` when the value is valid JSON
    /// that no field can hold (an object, a list of numbers).
    public static func parse(_ data: Data) throws(Failure) -> [(name: String, value: FieldValue?)] {
        let result: Result<[(name: String, value: FieldValue?)], Failure> = data.withUnsafeBytes { bytes in
            guard bytes.count > 0 else { return .failure(.malformed("the input is empty")) }
            var reader = StateJSONReader(bytes)
            do throws(JSONSyntaxError) {
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: "{") else {
                    try reader.skipValue()
                    try reader.expectEnd()
                    return .failure(.notAnObject)
                }
                let members = try reader.readFieldMembers()
                try reader.expectEnd()
                return .success(members)
            } catch {
                return .failure(.malformed(error.text))
            }
        }
        return try result.get()
    }
}

extension StateJSONReader {
    /// `{name: value, ...}`, duplicate names refused; a value no field can hold is `nil`.
    mutating func readFieldMembers() throws(JSONSyntaxError) -> [(name: String, value: FieldValue?)] {
        try beginObject()
        var members: [(name: String, value: FieldValue?)] = []
        var names: Set<String> = []
        var first = true
        while let name = try nextKey(&first) {
            guard names.insert(name).inserted else { throw fail("duplicate key \"\(name)\"") }
            skipWhitespace()
            let start = index
            do {
                members.append((name, try readFieldValue()))
            } catch {
                index = start
                do { try skipValue(depth: 1) } catch { throw error.within(name) }
                members.append((name, nil))
            }
        }
        return members
    }
}
