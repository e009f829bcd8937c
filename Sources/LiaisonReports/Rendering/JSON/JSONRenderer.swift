import Foundation

/// Renders a document as JSON: pretty-printed, keys sorted, money as raw numbers.
///
/// Decoding the output with `JSONDecoder` gives back an equal ``ReportDocument``.
public struct JSONRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The document as JSON text. Numbers that are not finite are written as the strings
    /// `"NaN"`, `"Infinity"` and `"-Infinity"`.
    public func render(_ document: ReportDocument) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        guard let data = try? encoder.encode(document) else {
            return #"{"error": "the report could not be encoded"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}
