import Foundation

/// Writing CSV (RFC 4180): fields quoted only when they must be, records ended by CRLF.
///
/// ```swift
/// CSVText.line(["id", "title"])        // "id,title\r\n"
/// CSVText.field("Lithium, JV")         // "\"Lithium, JV\""
/// ```
public enum CSVText {
    /// What ends a record, as RFC 4180 says.
    public static let lineEnding = "\r\n"

    /// A field, quoted when it holds a comma, a semicolon, a quote, a line break or surrounding
    /// spaces (a semicolon too, so that a spreadsheet that splits on semicolons reads it whole).
    public static func field(_ text: String) -> String {
        let needsQuotes =
            text.contains { $0 == "," || $0 == ";" || $0 == "\"" || $0.isNewline }
            || text.first?.isWhitespace == true || text.last?.isWhitespace == true
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: the fields joined by commas, then CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + lineEnding
    }
}
