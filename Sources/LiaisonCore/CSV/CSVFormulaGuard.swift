/// Keeps a spreadsheet from running an exported cell as a formula ("CSV injection", OWASP):
/// Excel, LibreOffice and Google Sheets read a cell that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return as a formula, so a title typed as `=HYPERLINK("http://…","Open")`, here
/// or at a peer office, would become a live link (or worse) in whoever opens the export.
///
/// The rule, exactly invertible for every string (Unicode scalar by scalar):
/// - **export** (``guarded(_:)``) puts one `'` before a text that starts with one of those
///   characters, after any number of `'` (so `=x` → `'=x`, `'=x` → `''=x`); any other text is
///   written as it is (`'Twas`, `-` inside a text, a negative number are left alone);
/// - **import** (``unguarded(_:)``) takes one `'` off a cell that starts with `'`, then any
///   number of `'`, then one of those characters (`'=x` → `=x`, `''=x` → `'=x`); any other
///   cell is read as it is (a hand-written `'90s deal` keeps its apostrophe).
///
/// A spreadsheet shows a guarded cell as text, never as a formula: Excel may hide the `'` (its
/// mark for "this is text") or show it. Saved again as CSV, the cell holds `'=x` or `=x`, and
/// both import as `=x`. Only a text that itself starts with `'` before one of those characters
/// (`'=x`) can lose that apostrophe, when a program drops the export's `'` on saving.
///
/// ```swift
/// CSVFormulaGuard.guarded("=SUM(A1:A9)")     // "'=SUM(A1:A9)"
/// CSVFormulaGuard.unguarded("'=SUM(A1:A9)")  // "=SUM(A1:A9)"
/// CSVFormulaGuard.unguarded(CSVFormulaGuard.guarded(text)) == text   // for every text
/// ```
public enum CSVFormulaGuard {
    /// The first characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The mark put before a text that would read as a formula.
    public static let mark: Unicode.Scalar = "'"

    /// `text` as an exported cell: with one more leading `'` when it starts, after any `'`, with
    /// one of ``formulaStarts``; otherwise `text` itself.
    public static func guarded(_ text: String) -> String {
        readsAsFormula(afterMarks: text) ? String(mark) + text : text
    }

    /// An imported cell's text: one leading `'` fewer when the cell starts with `'`, then any
    /// `'`, then one of ``formulaStarts``; otherwise `cell` itself.
    public static func unguarded(_ cell: String) -> String {
        guard cell.unicodeScalars.first == mark, readsAsFormula(afterMarks: cell) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }

    /// Whether the first scalar of `text` that is not a `'` is one of ``formulaStarts``.
    private static func readsAsFormula(afterMarks text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { $0 != mark }) else { return false }
        return formulaStarts.contains(first)
    }
}
