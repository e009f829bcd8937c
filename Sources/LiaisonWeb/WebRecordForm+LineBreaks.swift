import LiaisonCore

/// Line breaks in record forms, so that saving an edit form writes only what the user changed.
///
/// A browser changes a text's line breaks on the way: it strips them from an
/// `<input type=text>` and sends a text area's as CRLF. So a text field is shown in a text area
/// when it is a long text (notes) or when its value holds a line break (a spreadsheet cell
/// written with Alt+Enter, or a value set with the CLI), which keeps the break; submitted text
/// is stored with LF; and the edit form compares what comes back with what the form showed,
/// not with the stored bytes.
extension WebRoutes {
    /// Whether `field`, holding `value`, is shown as a text area rather than a one-line input.
    static func showsLines(_ field: FieldDeclaration, value: String) -> Bool {
        guard case .text(let maxLength) = field.kind else { return false }
        return maxLength > 500 || value.unicodeScalars.contains(where: isLineBreak)
    }

    /// Whether `scalar` is a line break as forms see them: CR or LF.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r"
    }

    /// `text` with every line break (CRLF, CR) as LF, as a text area's value reads.
    static func withLF(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isLineBreak) else { return text }
        var out = ""
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": out.unicodeScalars.append("\n")
            case "\n" where previousCR: break
            default: out.unicodeScalars.append(scalar)
            }
            previousCR = scalar == "\r"
        }
        return out
    }

    /// `text` without its line breaks, as a one-line input's value reads.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.filter { !isLineBreak($0) })
    }

    /// The text of a field as a form sends it: a set's ticked values joined with commas, any
    /// other field's first value with its line breaks as LF.
    func submittedText(_ field: FieldDeclaration, _ given: [String]) -> String {
        if case .choices = field.kind { return given.joined(separator: ",") }
        return Self.withLF(given.first ?? "")
    }

    /// The values an edit form loaded with `loaded` sends back when nothing is touched: each value
    /// as its control shows it (a one-line input drops line breaks), read as a submitted form is.
    /// A field the user left alone parses to its value here, whatever the browser did to it.
    func untouchedValues(_ loaded: [String: FieldValue]) -> [String: FieldValue] {
        var pairs: [(name: String, value: String)] = []
        for (name, values) in formValues(loaded) {
            guard let field = schema.field(name) else { continue }
            for value in values {
                pairs.append((name, Self.showsLines(field, value: value) ? value : Self.oneLine(value)))
            }
        }
        return readRecordForm(WebForm(pairs: pairs)).values
    }
}
