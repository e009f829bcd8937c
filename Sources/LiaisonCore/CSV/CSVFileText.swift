public import Foundation

/// The text of a spreadsheet file, from its bytes: UTF-8 (Excel's "CSV UTF-8"), UTF-16 with its
/// byte-order mark (Excel's "Unicode Text") or without one (told by where its zero bytes fall),
/// or else Windows-1252 (Excel's plain "CSV"). A file that is UTF-8 in some lines and not in
/// others is refused: read as Windows-1252 whole, every accented letter of its UTF-8 lines would
/// be imported as garbage (`CafÃ©`). So is a file with zero bytes that is not UTF-16: no text
/// file has them (an Excel workbook, `.xlsx` or `.xls`, is named as one).
public enum CSVFileText {
    /// Why a file's bytes are not text an import can read.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The text of `bytes`.
    /// - Throws: ``Problem`` naming the first line that is not UTF-8 when others are, or saying
    /// the file is not text (an Excel workbook, when it starts as one does) or is empty (nothing
    /// but spaces, line breaks and a byte-order mark).
    public static func decode(_ bytes: Data) throws(Problem) -> String {
        let text = try text(of: bytes)
        // Not "no column holds this required field" for each field: there are no columns.
        if text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) { throw Problem(description: "the file is empty") }
        return text
    }

    /// The text of `bytes`, which may be empty (see ``decode(_:)``).
    private static func text(of bytes: Data) throws(Problem) -> String {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw Problem(
                description:
                    "not a text file: it looks like an Excel workbook (.xlsx or .xls); in Excel, save it as \"CSV UTF-8\" and import that file"
            )
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]), let text = String(data: bytes, encoding: .utf16) {
            return text
        }
        if bytes.contains(0) { return try utf16WithoutMark(bytes) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let isUTF8 = { (line: Data.SubSequence) in String(data: Data(line), encoding: .utf8) != nil }
        if let utf8 = lines.firstIndex(where: { line in line.contains { $0 >= 0x80 } && isUTF8(line) }),
            let other = lines.firstIndex(where: { !isUTF8($0) })
        {
            throw Problem(
                description: "line \(other + 1) is not UTF-8 while line \(utf8 + 1) is: the file mixes two encodings; save it again as \"CSV UTF-8\""
            )
        }
        guard let text = String(data: bytes, encoding: .windowsCP1252) else {
            throw Problem(description: "the file is neither UTF-8 nor Windows text; save it again as \"CSV UTF-8\"")
        }
        return text
    }

    /// The text of a file with zero bytes: UTF-16 without a byte-order mark, little-endian when
    /// every zero byte is at an odd offset (the high byte of a Latin letter), big-endian when
    /// every one is at an even offset.
    private static func utf16WithoutMark(_ bytes: Data) throws(Problem) -> String {
        let zeros = bytes.indices.filter { bytes[$0] == 0 }.map { $0 - bytes.startIndex }
        var encoding: String.Encoding?
        if bytes.count % 2 == 0 {
            if zeros.allSatisfy({ $0 % 2 == 1 }) { encoding = .utf16LittleEndian }
            if zeros.allSatisfy({ $0 % 2 == 0 }) { encoding = .utf16BigEndian }
        }
        guard let encoding, let text = String(data: bytes, encoding: encoding) else {
            throw Problem(
                description: "not a text file (a zero byte at byte \(zeros[0] + 1)); save it again as \"CSV UTF-8\""
            )
        }
        return text
    }
}
