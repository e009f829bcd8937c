import Foundation

/// A record's display values as one compact JSON object, keys sorted: the form the store
/// keeps beside each state, so that reports read what every node shows without decoding and
/// ranking whole states.
///
/// ```swift
/// let json = DisplayValuesJSON.encode(state.displayValues)   // {"office":"mumbai","title":"…"}
/// let values = try DisplayValuesJSON.decode(json)
/// ```
public enum DisplayValuesJSON {
    /// The values as canonical JSON (keys sorted, no white space).
    public static func encode(_ values: [String: FieldValue]) -> String {
        var writer = JSONWriter()
        writer.object(values.sorted { $0.key < $1.key }) { $0.value($1) }
        return writer.output
    }

    /// The values of a JSON object written by ``encode(_:)``.
    /// - Throws: ``StateDecodingError`` saying what is malformed and where.
    public static func decode(_ json: String) throws(StateDecodingError) -> [String: FieldValue] {
        var json = json
        let result: Result<[String: FieldValue], JSONSyntaxError> = json.withUTF8 { bytes in
            guard bytes.count > 0 else { return .failure(JSONSyntaxError(problem: "the input is empty", offset: 0)) }
            var reader = StateJSONReader(UnsafeRawBufferPointer(bytes))
            do throws(JSONSyntaxError) {
                var values: [String: FieldValue] = [:]
                try reader.beginObject()
                var first = true
                while let name = try reader.nextKey(&first) {
                    do throws(JSONSyntaxError) { values[name] = try reader.readFieldValue() } catch { throw error.within(name) }
                }
                try reader.expectEnd()
                return .success(values)
            } catch {
                return .failure(error)
            }
        }
        do {
            return try result.get()
        } catch {
            throw StateDecodingError(recordID: nil, problem: "malformed display values JSON: \(error.text)")
        }
    }
}
