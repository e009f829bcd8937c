/// A date cell as a spreadsheet may write it: a date with a time of midnight after it
/// (`2026-03-01 00:00:00`, `2026-03-01T00:00`, `1/3/2026 0:00`), as Excel and many tools write a
/// date they hold as a moment, read as that day; or what no date field holds, named so a
/// refusal can say why: a time of day (`2026-03-01 14:30`), or a spreadsheet's date number
/// (`46022`, days since 1900, as a column not formatted as a date exports).
///
/// ```swift
/// SpreadsheetDate("2026-03-01 00:00:00").day   // "2026-03-01"
/// SpreadsheetDate("2026-03-01 14:30").day      // "2026-03-01 14:30" (not a day)
/// SpreadsheetDate("46022").advice              // "which looks like a spreadsheet's date number: ..."
/// ```
struct SpreadsheetDate {
    /// The date, without a time of midnight after it; the cell as written otherwise.
    let day: String
    /// Why the cell is no date, when a spreadsheet's way of writing one explains it: words to
    /// follow the cell in a refusal.
    let advice: String?

    /// The whole numbers a spreadsheet's date number is taken for: 1954-10-03 to 2119-01-10.
    static let dateNumbers = 20_000...80_000

    init(_ cell: String) {
        if let split = cell.firstIndex(where: { $0 == " " || $0 == "T" }), let time = Self.time(cell[cell.index(after: split)...]) {
            let midnight = time.allSatisfy { !$0.isNumber || $0 == "0" }
            day = midnight ? String(cell[..<split]) : cell
            advice = midnight ? nil : "a time of day: the field holds a day (a time of exactly midnight, 00:00, is read as that day)"
        } else if cell.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(cell), Self.dateNumbers.contains(number) {
            day = cell
            advice = "which looks like a spreadsheet's date number: format the column as a date (YYYY-MM-DD) and export again"
        } else {
            day = cell
            advice = nil
        }
    }

    /// `text` when it is a time of day as spreadsheets write one: `H:MM` or `HH:MM`, then
    /// perhaps `:SS` and a fraction of a second (`00:00:00.000`); nil otherwise.
    private static func time(_ text: Substring) -> Substring? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count), parts[1].count == 2 else { return nil }
        var digits = parts.prefix(2).joined()
        if parts.count == 3 {
            let second = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard second[0].count == 2, second.count == 1 || !second[1].isEmpty else { return nil }
            digits += second.joined()
        }
        return digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? text : nil
    }
}
