/// Text made safe to print on a terminal.
///
/// A record's values, author names and office names come from any office, and a terminal acts
/// on the control characters in what it prints (ESC starts sequences that retitle the window,
/// recolour or move the cursor; a line break starts what looks like a new entry). Every output
/// the CLI prints for people goes through ``output(_:)``; each value from a record or a peer in
/// it goes through ``line(_:)`` or ``block(_:indent:)`` first, so it cannot forge a line of its
/// own. JSON and CSV outputs are data, escaped by their formats, and do not use this.
///
/// A control character is shown as Swift writes it in a string: `\n`, `\r` and `\t`, and
/// `\u{1B}` (hexadecimal, at least two digits) for the others. Controls are C0 (U+0000–U+001F), DEL (U+007F), C1
/// (U+0080–U+009F) and the bidirectional embedding, override and isolate controls
/// (U+202A–U+202E, U+2066–U+2069), which reorder what follows them on the line.
///
/// ```swift
/// TerminalText.line("a\u{1B}]0;x\u{07}\nb")  // the same, as printable backslashes and letters
/// TerminalText.block("a\nb", indent: 4)    // "a\n    b"
/// ```
public enum TerminalText {
    /// `text` on one line: every control character escaped, line breaks and tabs included.
    public static func line(_ text: String) -> String {
        escaped(text) { _ in false }
    }

    /// `text` over several lines, each line after the first indented by `indent` spaces (so no
    /// line of it starts where the output's own lines start; an empty line stays empty), every
    /// other control escaped. A CR LF pair is one line break.
    public static func block(_ text: String, indent: Int) -> String {
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return Self.line(line)
        }
        let margin = String(repeating: " ", count: indent)
        return lines.enumerated().map { $0 == 0 || $1.isEmpty ? $1 : margin + $1 }.joined(separator: "\n")
    }

    /// A whole output whose line breaks and tabs are its own: every other control escaped.
    public static func output(_ text: String) -> String {
        escaped(text) { $0 == "\n" || $0 == "\t" }
    }

    /// Whether `scalar` is a control character a terminal may act on.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func escaped(_ text: String, keeping kept: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !kept(scalar) else {
                result.append(scalar)
                continue
            }
            let escape =
                switch scalar {
                case "\n": "\\n"
                case "\r": "\\r"
                case "\t": "\\t"
                default: "\\u{" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            result.append(contentsOf: escape.unicodeScalars)
        }
        return String(result)
    }
}
