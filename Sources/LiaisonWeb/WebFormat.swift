import Foundation
import LiaisonCore

/// How values read on the page: names for slugs, money with its currency, times in UTC.
enum WebFormat {
    private static let words = [
        "mou": "MOU", "sme": "SME", "msme": "MSME", "usd": "USD", "us": "US",
        "jv": "JV", "r&d": "R&D", "osat": "OSAT", "atmp": "ATMP",
    ]

    /// `joint_venture` → `Joint venture`, `mou_signed` → `MOU signed`.
    static func humanize(_ slug: String) -> String {
        let parts = slug.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
        guard !parts.isEmpty else { return slug }
        return parts.enumerated().map { index, word in
            if let special = words[word.lowercased()] { return special }
            return index == 0 ? sentence(word) : word
        }.joined(separator: " ")
    }

    /// `text` with its first letter capitalised, the rest as it is: a sentence's start.
    static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The office name of a slug.
    static func office(_ slug: String) -> String {
        CoreSchema.officeNames[slug] ?? humanize(slug)
    }

    /// The office of a replica id (`chennai.k3f9q2` → `Chennai`).
    static func replicaOffice(_ replica: String) -> String {
        office(ReplicaID.office(of: replica))
    }

    /// The title of a track id.
    static func track(_ id: String, schema: Schema) -> String {
        schema.tracks.first { $0.id == id }?.title ?? humanize(id)
    }

    /// One allowed value of a field, for people.
    static func choice(_ value: String, field: String, schema: Schema) -> String {
        switch field {
        case "office": office(value)
        case "tracks": track(value, schema: schema)
        default: humanize(value)
        }
    }

    /// A value as people read it.
    static func value(_ value: FieldValue, field name: String, schema: Schema) -> String {
        let kind = schema.field(name)?.kind
        switch (value, kind) {
        case (.null, _): return "(cleared)"
        case (.bool(let flag), _): return flag ? "Yes" : "No"
        case (.number(let number), .money?): return money(number)
        case (.list(let items), _): return items.map { choice($0, field: name, schema: schema) }.joined(separator: ", ")
        case (.text(let text), .choice?): return choice(text, field: name, schema: schema)
        default: return value.displayText
        }
    }

    /// `USD 2,500,000` or `USD 1,234.50`.
    static func money(_ amount: Double) -> String {
        let cents = Int64((amount * 100).rounded())
        let whole = cents / 100
        let fraction = cents % 100
        return "USD " + count(whole) + (fraction == 0 ? "" : "." + (fraction < 10 ? "0" : "") + String(fraction))
    }

    /// `12,345`.
    static func count(_ number: some BinaryInteger) -> String {
        var digits = String(number)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return digits + grouped
    }

    /// `2026-03-01T10:22:33.123Z` → `2026-03-01 10:22 UTC`.
    static func time(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }

    /// Milliseconds since 1970 as `2026-03-01 10:22 UTC`.
    static func time(millis: Int64) -> String {
        time(Timestamp.iso(millis))
    }
}
