import Foundation

/// Replica ids: the office slug, a dot, and random characters (`mumbai.k3f9q2`).
public enum ReplicaID {
    /// A new replica id for a store of `office`; never reused.
    public static func make(office: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
        return "\(office).\(suffix)"
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

/// Record ids: time-sortable UUIDv7 strings, made where the record is created.
public enum RecordID {
    /// A new UUIDv7 (`0193a1b2-...`), lowercase.
    public static func make(now: Date = Date()) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        for index in 0..<6 { bytes[index] = UInt8((millis >> (8 * (5 - UInt64(index)))) & 0xff) }
        bytes[6] = (bytes[6] & 0x0f) | 0x70
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
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

    /// `2026-11-24T19:40:12.123Z` for a time in milliseconds since 1970.
    public static func iso(_ millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
