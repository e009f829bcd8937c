import Foundation

/// A CSV file read into rows, each with the line of the file it starts on (1-based), for
/// messages such as `line 14, value_usd: ...`.
public struct CSVTable: Hashable, Sendable {
    /// One row of values and the line it starts on.
    public struct Row: Hashable, Sendable {
        /// The line of the file the row starts on (the header is line 1 unless a `sep=` line precedes it).
        public let line: Int
        /// The values, as written (quotes removed).
        public let values: [String]

        /// A row starting on `line`.
        public init(line: Int, values: [String]) {
            self.line = line
            self.values = values
        }
    }

    /// The header's column names.
    public let header: [String]
    /// The line the header is on.
    public let headerLine: Int
    /// The rows after the header. Blank lines are left out, and so are rows of empty cells alone
    /// (`,,,`), which spreadsheets save for empty rows inside a table.
    public let rows: [Row]
    /// The separator found: `,` or `;`.
    public let separator: Character
}

/// A CSV syntax problem: where and what.
public struct CSVSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line the problem is on.
    public let line: Int
    /// What is wrong.
    public let message: String

    /// A problem on `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Reads CSV as spreadsheets write it (RFC 4180 and Excel's variants): UTF-8 with or without a
/// byte-order mark, comma or semicolon separators (the one the header uses, or Excel's `sep=;`
/// first line), quoted fields with doubled quotes and line breaks, CRLF, LF or CR line ends.
///
/// A small reader of our own rather than a package: import messages need the line each row
/// starts on, which the CSV packages at hand do not give.
public enum CSVReader {
    /// Reads `text`. An empty file, or one with only a header, gives no rows.
    /// - Throws: ``CSVSyntaxError`` for a quoted field that never ends.
    public static func read(_ text: String) throws(CSVSyntaxError) -> CSVTable {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var firstLine = 0
        var declared: Character?
        let end = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? bytes.endIndex
        if end == 5, String(decoding: bytes[0..<4], as: UTF8.self).lowercased() == "sep=" {
            declared = Character(UnicodeScalar(bytes[4]))
            var start = end
            if start < bytes.endIndex, bytes[start] == 0x0D { start += 1 }
            if start < bytes.endIndex, bytes[start] == 0x0A { start += 1 }
            bytes.removeFirst(start)
            firstLine = 1
        }
        let separatorUsed = declared ?? separator(in: bytes)
        let records = try split(bytes, separator: separatorUsed, firstLine: firstLine)
        guard let header = records.first else { return CSVTable(header: [], headerLine: 1, rows: [], separator: separatorUsed) }
        let rows = records.dropFirst().filter { row in !row.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        return CSVTable(
            header: header.values.map { $0.trimmingCharacters(in: .whitespaces) },
            headerLine: header.line,
            rows: Array(rows),
            separator: separatorUsed
        )
    }

    /// The separator of the first line: `;` when it holds more semicolons than commas outside quotes.
    static func separator(in bytes: [UInt8]) -> Character {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Splits bytes into records of fields. Every byte that matters is ASCII, so UTF-8 text
    /// passes through whole.
    private static func split(_ bytes: [UInt8], separator: Character, firstLine: Int = 0) throws(CSVSyntaxError) -> [CSVTable.Row] {
        let comma = separator.asciiValue ?? UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
        var rows: [CSVTable.Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = firstLine + 1
        var rowLine = line
        var quoteLine = line
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
                    if byte == lf || (byte == cr && (index == bytes.count || bytes[index] != lf)) { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty {
                inQuotes = true
                quoteLine = line
            } else if byte == comma {
                endField()
            } else if byte == cr || byte == lf {
                if byte == cr, index < bytes.count, bytes[index] == lf { index += 1 }
                endField()
                rows.append(CSVTable.Row(line: rowLine, values: fields))
                fields.removeAll()
                line += 1
                rowLine = line
            } else {
                field.append(byte)
            }
        }
        if inQuotes { throw CSVSyntaxError(line: quoteLine, message: "a quoted value is not closed") }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append(CSVTable.Row(line: rowLine, values: fields))
        }
        return rows
    }
}
