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
    ///
    /// Scalar by scalar, as ``CSVReader`` reads bytes: a quote or comma that a combining mark
    /// follows (`"\u{301}`) is one `Character`, which compares equal to neither.
    public static func field(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let needsQuotes =
            scalars.contains { $0 == "," || $0 == ";" || $0 == "\"" || Character($0).isNewline }
            || scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true
        guard needsQuotes else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            if scalar == "\"" { quoted.append(scalar) }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// One record: the fields joined by commas, then CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + lineEnding
    }
}
