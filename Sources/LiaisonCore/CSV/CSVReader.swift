import Foundation

/// A CSV file read into rows, each with its row number as a spreadsheet shows it (the header is
/// row 1), for messages such as `row 14, value_usd: ...`.
public struct CSVTable: Hashable, Sendable {
    /// One row of values and its row number.
    public struct Row: Hashable, Sendable {
        /// The row as a spreadsheet numbers it: the header is row 1 (after Excel's `sep=` line,
        /// which a spreadsheet does not show), and a value with line breaks in it is one row, so
        /// a row is not always the line of the file it starts on.
        public let row: Int
        /// The values, as written (quotes removed).
        public let values: [String]

        /// Row number `row`.
        public init(row: Int, values: [String]) {
            self.row = row
            self.values = values
        }
    }

    /// The header's row: always the first, as the reader keeps blank lines (a spreadsheet's
    /// empty rows) in the numbering. Problems with a column name it.
    public static let headerRow = 1

    /// The header's column names.
    public let header: [String]
    /// The rows after the header. Blank lines are left out, and so are rows of empty cells alone
    /// (`,,,`), which spreadsheets save for empty rows inside a table.
    public let rows: [Row]
    /// The separator found: `,`, `;` or a tab.
    public let separator: Character
}

/// A CSV syntax problem: where and what.
public struct CSVSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The row the problem is on.
    public let row: Int
    /// What is wrong.
    public let message: String

    /// A problem on `row`.
    public init(row: Int, message: String) {
        self.row = row
        self.message = message
    }

    public var description: String { "row \(row): \(message)" }
}

/// Reads CSV as spreadsheets write it (RFC 4180 and Excel's variants): UTF-8 with or without a
/// byte-order mark, comma, semicolon or tab separators (the one the header uses most, or Excel's
/// `sep=;` first line), quoted fields with doubled quotes and line breaks, CRLF, LF or CR line
/// ends. Tab-separated text is what Excel's "Unicode Text" holds (``CSVFileText`` reads its UTF-16).
///
/// A small reader of our own rather than a package: import messages need each row's number,
/// which the CSV packages at hand do not give.
public enum CSVReader {
    /// Reads `text`. An empty file, or one with only a header, gives no rows.
    /// - Throws: ``CSVSyntaxError`` for a quoted field that never ends.
    public static func read(_ text: String) throws(CSVSyntaxError) -> CSVTable {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var declared: Character?
        let end = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? bytes.endIndex
        if end == 5, String(decoding: bytes[0..<4], as: UTF8.self).lowercased() == "sep=" {
            declared = Character(UnicodeScalar(bytes[4]))
            var start = end
            if start < bytes.endIndex, bytes[start] == 0x0D { start += 1 }
            if start < bytes.endIndex, bytes[start] == 0x0A { start += 1 }
            bytes.removeFirst(start)
        }
        let separatorUsed = declared ?? separator(in: bytes)
        let records = try split(bytes, separator: separatorUsed)
        guard let header = records.first else { return CSVTable(header: [], rows: [], separator: separatorUsed) }
        let rows = records.dropFirst().filter { row in !row.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        return CSVTable(
            header: header.values.map { $0.trimmingCharacters(in: .whitespaces) },
            rows: Array(rows),
            separator: separatorUsed
        )
    }

    /// The separator of the first line: the one of `,`, `;` and tab it holds most of outside
    /// quotes, `,` before `;` before tab when as many (so `,` when it holds none).
    static func separator(in bytes: [UInt8]) -> Character {
        let separators: [Character] = [",", ";", "\t"]
        var counts = [Int](repeating: 0, count: separators.count)
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if let index = separators.firstIndex(where: { $0.asciiValue == byte }) { counts[index] += 1 }
        }
        return separators[counts.indices.max { counts[$0] < counts[$1] }!]
    }

    /// Splits bytes into records of fields, numbered from 1 (a blank line is a row, as in a
    /// spreadsheet). Every byte that matters is ASCII, so UTF-8 text passes through whole.
    private static func split(_ bytes: [UInt8], separator: Character) throws(CSVSyntaxError) -> [CSVTable.Row] {
        let comma = separator.asciiValue ?? UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
        var rows: [CSVTable.Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var inQuotes = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty {
                inQuotes = true
            } else if byte == comma {
                endField()
            } else if byte == cr || byte == lf {
                if byte == cr, index < bytes.count, bytes[index] == lf { index += 1 }
                endField()
                rows.append(CSVTable.Row(row: rows.count + 1, values: fields))
                fields.removeAll()
            } else {
                field.append(byte)
            }
        }
        if inQuotes { throw CSVSyntaxError(row: rows.count + 1, message: "a quoted value is not closed") }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append(CSVTable.Row(row: rows.count + 1, values: fields))
        }
        return rows
    }
}
