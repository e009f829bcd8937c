/// Escaping of text for HTML that is also well-formed XML: the one escaping rule of every
/// page Liaison renders (reports and the web interface).
public enum XMLText {
    /// Text safe as element content or inside a quoted attribute: `&`, `<`, `>`, `"` and `'`
    /// become entities, and characters XML forbids (control characters but tab and line
    /// breaks, U+FFFE, U+FFFF) are dropped.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
