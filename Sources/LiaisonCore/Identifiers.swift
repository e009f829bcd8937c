public import Foundation

/// Replica ids: the office slug, a dot, and random characters (`mumbai.k3f9q2`).
public enum ReplicaID {
    /// A new replica id for a store of `office`; never reused.
    public static func make(office: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
        return "\(office).\(suffix)"
    }

    /// The office slug `replica` starts with (`mumbai` of `mumbai.k3f9q2`).
    public static func office(of replica: String) -> String {
        String(replica.split(separator: ".").first ?? Substring(replica))
    }

    /// Whether `text` has the shape of a replica id: 3 to 64 characters of `a-z 0-9 . - _`,
    /// with a dot that is neither first nor last.
    public static func isValid(_ text: String) -> Bool {
        // Byte by byte: every allowed character is one ASCII byte, so bytes count characters.
        let utf8 = text.utf8
        guard (3...64).contains(utf8.count), utf8.first != UInt8(ascii: "."), utf8.last != UInt8(ascii: ".") else {
            return false
        }
        var dot = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "."):
                dot = true
            default:
                return false
            }
        }
        return dot
    }
}

/// Record ids: time-sortable UUIDv7 strings, made where the record is created; a row of an
/// imported file gets a UUID made from the file and the row (``imported(file:row:)``), so that
/// the same row imported at two offices is one record.
public enum RecordID {
    /// A new UUIDv7 (`0193a1b2-...`), lowercase.
    public static func make(now: Date = Date()) -> String {
        // Two draws of the system generator, and hex by table: this runs once per created record.
        var generator = SystemRandomNumberGenerator()
        let random: (UInt64, UInt64) = (generator.next(), generator.next())
        var bytes = (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? random.0 : random.1) >> (8 * UInt64($0 % 8))) }
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        for index in 0..<6 { bytes[index] = UInt8((millis >> (8 * (5 - UInt64(index)))) & 0xff) }
        return text(of: bytes, version: 7)
    }

    /// The last row of a file whose new records get ids of their own (``imported(file:row:)``
    /// has 21 bits for it).
    public static let lastImportedRow = 0x1F_FFFF

    /// The id of the record that row `row` of an imported file creates, `file` a digest of the
    /// file: a UUID of version 8 (RFC 9562's custom layout) whose time field is zero, then 53 bits
    /// of `file`, then the row (21 bits, up to 2,097,151). The same row of the same file is the
    /// same id at every office; in id order (`sort=created`, CSV exports) the records of imported
    /// files come before the records made at a node, each file's together, in the file's order.
    ///
    /// ```swift
    /// RecordID.imported(file: Array(repeating: 0xff, count: 32), row: 2)  // "00000000-0000-8fff-bfff-ffffffe00002"
    /// ```
    /// - Precondition: `file` has at least 8 bytes; `row` is at most ``lastImportedRow`` (rows
    ///   past it would share its id: an import refuses them).
    public static func imported(file: [UInt8], row: Int) -> String {
        precondition(file.count >= 8, "an imported record's id needs 8 bytes of the file's digest")
        let digest = file.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let row = UInt64(clamping: min(max(row, 0), lastImportedRow))
        let high = UInt64(8) << 12 | digest >> 52
        let low = UInt64(0b10) << 62 | (digest >> 11 & (1 << 41 - 1)) << 21 | row
        let bytes = (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (8 * UInt64(7 - $0 % 8))) }
        return text(of: bytes, version: 8)
    }

    /// `bytes` (16) as a UUID of `version`, its variant bits RFC 9562's, in `8-4-4-4-12` lowercase hex.
    private static func text(of bytes: [UInt8], version: UInt8) -> String {
        var bytes = bytes
        bytes[6] = (bytes[6] & 0x0f) | (version << 4)
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` is a UUID (`8-4-4-4-12` hexadecimal digits), the form ``make(now:)`` gives:
    /// an id that no other office makes for another record.
    public static func isUUID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        return utf8.indices.allSatisfy { index in
            [8, 13, 18, 23].contains(index)
                ? utf8[index] == UInt8(ascii: "-")
                : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[index])
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(utf8[index] | 0x20)
        }
    }

    /// The record id a person means by `text` (a path, a command's argument, an imported
    /// row's `id`): a UUID in lower case, as Liaison makes them, whatever case it is typed in
    /// (RFC 9562 reads a UUID's digits without case); any other text as given.
    ///
    /// ```swift
    /// RecordID.canonical("01A24344-EAAB-7C3D-8E4F-0123456789AB")  // "01a24344-eaab-7c3d-8e4f-0123456789ab"
    /// ```
    public static func canonical(_ text: String) -> String {
        isUUID(text) ? text.lowercased() : text
    }

    /// Whether `text` can be a record id: 1 to 64 characters of `A-Z a-z 0-9 - _`.
    public static func isValid(_ text: String) -> Bool {
        // Byte by byte: every allowed character is one ASCII byte, so bytes count characters.
        let utf8 = text.utf8
        guard (1...64).contains(utf8.count) else { return false }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                continue
            default:
                return false
            }
        }
        return true
    }
}

/// Wall-clock times as Liaison shows them: ISO 8601 in UTC with milliseconds.
public enum Timestamp {
    /// Milliseconds since 1970 for `date`.
    public static func millis(_ date: Date = Date()) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `2026-11-24T19:40:12.123Z` for a time in milliseconds since 1970; any `Int64` works
    /// (years before 1 print with a minus sign, `-0001-12-31T…`).
    ///
    /// Plain arithmetic on the proleptic Gregorian calendar (Howard Hinnant's
    /// `civil_from_days`): reports call this for every record, and a date formatter costs
    /// microseconds a call.
    public static func iso(_ millis: Int64) -> String {
        let dayMillis: Int64 = 86_400_000
        var (days, inDay) = millis.quotientAndRemainder(dividingBy: dayMillis)  // no overflow at Int64.min
        if inDay < 0 { (days, inDay) = (days - 1, inDay + dayMillis) }
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return (year < 0 ? "-" + digits(-year, 4) : digits(year, 4)) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T"
            + digits(inDay / 3_600_000, 2) + ":" + digits(inDay / 60_000 % 60, 2) + ":"
            + digits(inDay / 1_000 % 60, 2) + "." + digits(inDay % 1_000, 3) + "Z"
    }
}
