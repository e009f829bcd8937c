import LiaisonCore
import PropertyBased
import Testing

/// Exported cells never start a formula, and import takes the guard off exactly.
@Suite struct CSVFormulaGuardTests {
    /// Pieces that texts are made of: every formula start, apostrophes, and text around them
    /// (a CRLF, a combining accent, an emoji, a quote, a comma).
    static let pieces = ["'", "'", "=", "+", "-", "@", "\t", "\r", "\r\n", "\n", " ", "a", "9", "é", "\u{301}", "😀", "\"", ","]

    /// Up to 8 pieces, and up to 3 arbitrary scalars (NUL and surrogates aside) after the first two.
    static let pieceLists = Gen<String?>.element(of: pieces).map { $0! }.array(of: 0...8)
    static let scalarLists = Gen.unicodeScalar(in: "\u{1}"..."\u{D7FF}").array(of: 0...3)

    static func text(_ pieces: [String], _ scalars: [Unicode.Scalar]) -> String {
        pieces.prefix(2).joined() + String(String.UnicodeScalarView(scalars)) + pieces.dropFirst(2).joined()
    }

    @Test(
        arguments: [
            ("=HYPERLINK(\"http://x\",\"Open\")", "'=HYPERLINK(\"http://x\",\"Open\")"), ("+1", "'+1"), ("-5 to 10", "'-5 to 10"),
            ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\r\nx", "'\r\nx"), ("'=x", "''=x"), ("''-", "'''-"),
            ("'Twas", "'Twas"), ("'", "'"), ("''", "''"), ("a=b", "a=b"), ("", ""), (" =x", " =x"),
        ]
    )
    func guardsTextsThatReadAsFormulas(text: String, cell: String) {
        #expect(Array(CSVFormulaGuard.guarded(text).unicodeScalars) == Array(cell.unicodeScalars))
        #expect(Array(CSVFormulaGuard.unguarded(cell).unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test func aHandWrittenCellKeepsAnApostropheThatGuardsNothing() {
        #expect(CSVFormulaGuard.unguarded("'90s deal") == "'90s deal")
        #expect(CSVFormulaGuard.unguarded("=x") == "=x")
    }

    @Test func everyTextComesBackExactlyAndNoCellStartsAFormula() async {
        await propertyCheck(count: 2_000, input: Self.pieceLists, Self.scalarLists) { pieces, scalars in
            let text = Self.text(pieces, scalars)
            let cell = CSVFormulaGuard.guarded(text)
            #expect(Array(CSVFormulaGuard.unguarded(cell).unicodeScalars) == Array(text.unicodeScalars), "\(text.debugDescription)")
            if let first = cell.unicodeScalars.first {
                #expect(!CSVFormulaGuard.formulaStarts.contains(first), "\(cell.debugDescription)")
            }
        }
    }
}
