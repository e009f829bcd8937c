import Foundation

/// How search reads a letter a person may type without its accent or in another form: the
/// records' search texts (``SearchText``, by ``indexed(_:)``) and the words of a search
/// (``RecordQuery/searchWords``) are both folded by ``folded(_:)``, so that `orsted` finds
/// "Ørsted" and `mumbai` finds "Ｍｕｍｂａｉ". The search index (FTS5's `unicode61`) then folds
/// case and the accents it knows as before.
///
/// ```swift
/// SearchFolding.folded("Ørsted, Łódź: Straße")  // "orsted, lodz: Strasse"
/// SearchFolding.folded("Lithium refinery")     // unchanged: plain ASCII is kept as it is
/// SearchFolding.indexed("Ærø Ferries")         // "aero Ferries aeroe"
/// ```
enum SearchFolding {
    /// The text the search index holds for `text`: `text` ``folded(_:)``, then each word
    /// (between spaces and control characters) that holds a letter of ``secondSpellings`` once
    /// more, folded with that spelling, so that `aeroe` finds "Ærø" as `aero` does.
    static func indexed(_ text: String) -> String {
        guard !isPlainASCII(text) else { return text }
        var respelled = ""
        for bytes in text.utf8.split(whereSeparator: { $0 <= 0x20 }) where bytes.contains(where: { $0 >= 0x80 }) {
            let word = String(decoding: bytes, as: UTF8.self)
            guard word.unicodeScalars.contains(where: hasSecondSpelling) else { continue }
            respelled += " "
            for scalar in word.unicodeScalars { respelled += secondSpellings[scalar] ?? String(scalar) }
        }
        return folded(text) + folded(respelled)
    }

    /// Whether `scalar` is a letter of ``secondSpellings`` (never ASCII: checked first, cheaply).
    private static func hasSecondSpelling(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && secondSpellings[scalar] != nil
    }

    /// The letters people also type in a second spelling, and that spelling: ø and Ø as oe
    /// (Danish and Norwegian: "Aeroe" for Ærø), beside o (``letters``).
    static let secondSpellings: [Unicode.Scalar: String] = ["ø": "oe", "Ø": "oe"]

    /// `text` folded for search. Plain ASCII is returned as it is (the index folds its case).
    /// Any other text is decomposed for compatibility (NFKD: full-width forms, ligatures such
    /// as ﬁ and ﬂ, superscripts), its accents (combining diacritical marks) dropped, each
    /// letter other than ASCII lower-cased, and the letters that are no letter plus an accent
    /// read as their plain spelling (``letters``). The marks of other scripts (the vowel signs
    /// of Devanagari) and the letters of scripts with no Latin equivalent are kept as written.
    static func folded(_ text: String) -> String {
        guard !isPlainASCII(text) else { return text }
        let bytes = Array(text.utf8)
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count)
        // Runs of ASCII are copied as they are. Each run of other characters (bytes from 0x80 up,
        // in UTF-8) is decomposed on its own: an ASCII character decomposes to itself and no mark
        // moves across it, so the runs' decompositions make the text's, at a fraction of the cost.
        var start = 0
        while start < bytes.count {
            let ascii = bytes[start] < 0x80
            let end = bytes[start...].firstIndex { ($0 < 0x80) != ascii } ?? bytes.count
            if ascii {
                folded += bytes[start..<end]
            } else {
                let run = String(decoding: bytes[start..<end], as: UTF8.self)
                for scalar in run.decomposedStringWithCompatibilityMapping.unicodeScalars {
                    if scalar.isASCII {
                        folded.append(UInt8(scalar.value))
                        continue
                    }
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars where !isAccent(lower) {
                        folded += (letters[lower] ?? String(lower)).utf8
                    }
                }
            }
            start = end
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// The letters that compatibility decomposition leaves as they are, and their plain
    /// spelling: ø → o, ł → l, đ → d, ß → ss, æ → ae, œ → oe, þ → th, ð → d, ı → i. Their
    /// capitals (Ø, Ł, Đ, ẞ, Æ, Œ, Þ, Ð) are lower-cased first, and the capital of ı is I.
    static let letters: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
    ]

    /// Whether `text` is plain ASCII, which folds to itself: most texts, checked a byte at a time.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether `scalar` is an accent that search drops: a combining diacritical mark (U+0300–
    /// U+036F and the blocks that extend it), as the index drops the marks of accented letters.
    private static func isAccent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }
}
