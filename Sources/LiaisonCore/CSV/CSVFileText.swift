public import Foundation

/// The text of a spreadsheet file, from its bytes: UTF-8 (Excel's "CSV UTF-8"), UTF-16 with its
/// byte-order mark, little- or big-endian (Excel's "Unicode Text") or without one (told by where
/// its zero bytes fall), or else Windows-1252 (Excel's plain "CSV"). A file that starts with
/// UTF-16's mark but is not UTF-16 after it is refused, naming the first byte that is not. A
/// file that is UTF-8 in some lines and not in others is refused: read as Windows-1252 whole,
/// every accented letter of its UTF-8 lines would be imported as garbage (`CafÃ©`). So is a file
/// with zero bytes that is not UTF-16: no text file has them (an Excel workbook, `.xlsx` or
/// `.xls`, is named as one); and so is one read as Windows-1252 with a byte no Windows text
/// holds (a control character, or a byte Windows-1252 leaves undefined): an image, say.
public enum CSVFileText {
    /// Why a file's bytes are not text an import can read.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The text of `bytes`.
    /// - Throws: ``Problem`` naming the first line that is not UTF-8 when others are, or the
    /// first byte that is not UTF-16 after UTF-16's mark, or the first that is not Windows text
    /// in a file that is neither UTF-8 nor UTF-16, or saying the file is not text (an
    /// Excel workbook, when it starts as one does) or is empty (nothing but spaces, line breaks
    /// and a byte-order mark); each but the workbook's says how to save the file again.
    public static func decode(_ bytes: Data) throws(Problem) -> String {
        let text = try text(of: bytes)
        // Not "no column holds this required field" for each field: there are no columns.
        if text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) { throw Problem(description: "the file is empty") }
        return text
    }

    /// How to save a file this reads, the end of every problem but a workbook's.
    static let saveAgain = "save it again as \"CSV UTF-8\" or \"Unicode Text\""

    /// The text of `bytes`, which may be empty (see ``decode(_:)``).
    private static func text(of bytes: Data) throws(Problem) -> String {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw Problem(
                description:
                    "not a text file: it looks like an Excel workbook (.xlsx or .xls); in Excel, save it as \"CSV UTF-8\" and import that file"
            )
        }
        for (mark, bigEndian) in [([UInt8]([0xFF, 0xFE]), false), ([0xFE, 0xFF], true)] where bytes.starts(with: mark) {
            do { return try utf16(bytes, bigEndian: bigEndian, from: 2) } catch {
                throw Problem(
                    description:
                        "not UTF-16 text from byte \(error.offset + 1) on, though it starts as UTF-16 (\"Unicode Text\") does; \(saveAgain)"
                )
            }
        }
        if bytes.contains(0) {
            // UTF-8's mark says what the file is: a zero byte in it is not UTF-16 without a mark.
            guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { throw zeroByte(at: bytes.firstIndex(of: 0)! - bytes.startIndex) }
            return try utf16WithoutMark(bytes)
        }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let isUTF8 = { (line: Data.SubSequence) in String(data: Data(line), encoding: .utf8) != nil }
        if let utf8 = lines.firstIndex(where: { line in line.contains { $0 >= 0x80 } && isUTF8(line) }),
            let other = lines.firstIndex(where: { !isUTF8($0) })
        {
            throw Problem(description: "line \(other + 1) is not UTF-8 while line \(utf8 + 1) is: the file mixes two encodings; \(saveAgain)")
        }
        if let offset = bytes.firstIndex(where: notWindowsText) {
            let byte = String(format: "0x%02X", bytes[offset])
            throw Problem(
                description: "not a text file (byte \(offset - bytes.startIndex + 1) is \(byte), which no Windows text holds); \(saveAgain)"
            )
        }
        guard let text = String(data: bytes, encoding: .windowsCP1252) else {
            throw Problem(description: "the file is neither UTF-8, UTF-16 nor Windows text; \(saveAgain)")
        }
        return text
    }

    /// Whether `byte` is never in Windows-1252 text: a control character other than tab, line
    /// feed and carriage return, or one of the five bytes Windows-1252 gives no character. A
    /// binary file (an image, part of a workbook) without zero bytes would otherwise read as
    /// Windows text and import as rows of garbage.
    private static func notWindowsText(_ byte: UInt8) -> Bool {
        (byte < 0x20 && ![0x09, 0x0A, 0x0D].contains(byte)) || [0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte)
    }

    /// The text of a file with zero bytes: UTF-16 without a byte-order mark, little-endian when
    /// every zero byte is at an odd offset (the high byte of a Latin letter), big-endian when
    /// every one is at an even offset.
    private static func utf16WithoutMark(_ bytes: Data) throws(Problem) -> String {
        let zeros = bytes.indices.filter { bytes[$0] == 0 }.map { $0 - bytes.startIndex }
        var bigEndian: Bool?
        if zeros.allSatisfy({ $0 % 2 == 1 }) { bigEndian = false }
        if zeros.allSatisfy({ $0 % 2 == 0 }) { bigEndian = true }
        guard let bigEndian, let text = try? utf16(bytes, bigEndian: bigEndian, from: 0) else { throw zeroByte(at: zeros[0]) }
        return text
    }

    /// A file with a zero byte at `offset` (from 0) that is not UTF-16.
    private static func zeroByte(at offset: Int) -> Problem {
        Problem(description: "not a text file (a zero byte at byte \(offset + 1)); \(saveAgain)")
    }

    /// Where UTF-16 stops: the offset of a byte that is not part of a character.
    private struct NotUTF16: Error {
        let offset: Int
    }

    /// The UTF-16 text of `bytes` from offset `start`.
    /// - Throws: ``NotUTF16`` at the first byte that is not part of a character (half of a code
    /// unit at the end, or a surrogate without its pair).
    private static func utf16(_ bytes: Data, bigEndian: Bool, from start: Int) throws(NotUTF16) -> String {
        let bytes = Array(bytes)
        guard (bytes.count - start) % 2 == 0 else { throw NotUTF16(offset: bytes.count - 1) }
        let units = stride(from: start, to: bytes.count, by: 2).map { offset in
            let (high, low) = bigEndian ? (bytes[offset], bytes[offset + 1]) : (bytes[offset + 1], bytes[offset])
            return UInt16(high) << 8 | UInt16(low)
        }
        var scalars = String.UnicodeScalarView()
        var (remaining, codec) = (units.makeIterator(), UTF16())
        while true {
            switch codec.decode(&remaining) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: throw NotUTF16(offset: start + 2 * String(scalars).utf16.count)
            }
        }
    }
}
