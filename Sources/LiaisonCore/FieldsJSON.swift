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

    /// Why a member's value, valid JSON, cannot be a field's value.
    public enum Unheld: Error, Hashable, Sendable {
        /// A value no field can hold (an object, a list of numbers).
        case notAFieldValue
        /// A number beyond the range of a double (`1e400`), as written.
        case numberOutOfRange(String)
    }

    /// The members in order: each name with its value, or why no field can hold it.
    public static func parse(_ data: Data) throws(Failure) -> [(name: String, value: Result<FieldValue, Unheld>)] {
        let result: Result<[(name: String, value: Result<FieldValue, Unheld>)], Failure> = data.withUnsafeBytes { bytes in
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
    /// `{name: value, ...}`, duplicate names refused; a value no field can hold is a failure.
    mutating func readFieldMembers() throws(JSONSyntaxError) -> [(name: String, value: Result<FieldValue, FieldsJSON.Unheld>)] {
        try beginObject()
        var members: [(name: String, value: Result<FieldValue, FieldsJSON.Unheld>)] = []
        var names: Set<String> = []
        var first = true
        while let name = try nextKey(&first) {
            guard names.insert(name).inserted else { throw fail("duplicate key \"\(name)\"") }
            skipWhitespace()
            // A number a double cannot hold (`1e400`) is valid JSON: refused for its range.
            if peek == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(peek) {
                let token: NumberToken
                do { token = try scanNumber() } catch { throw error.within(name) }
                let number = double(of: token)
                members.append((name, number.isFinite ? .success(.number(number)) : .failure(.numberOutOfRange(text(of: token)))))
                continue
            }
            let start = index
            do {
                members.append((name, .success(try readFieldValue())))
            } catch {
                index = start
                do { try skipValue(depth: 1) } catch { throw error.within(name) }
                members.append((name, .failure(.notAFieldValue)))
            }
        }
        return members
    }
}
