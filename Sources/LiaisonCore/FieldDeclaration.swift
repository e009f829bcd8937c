/// The type of a field, with what it allows: used to parse and validate data entry.
public enum FieldKind: Hashable, Sendable {
    /// Free text of at most `maxLength` characters.
    case text(maxLength: Int)
    /// One of the allowed values.
    case choice([String])
    /// A set of the allowed values (stored sorted, without duplicates).
    case choices([String])
    /// `true` or `false`.
    case bool
    /// An amount in US dollars, from 0 to ``maxMoney``.
    case money
    /// A whole number in a range (counts such as attendance).
    case integer(min: Int, max: Int)
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A string of digits whose length is in the range (NAICS codes: 2...6).
    case digits(ClosedRange<Int>)

    /// The most an amount of money may be: a trillion dollars, more than any partnership is
    /// worth. In cents it is a whole number a `Double` holds exactly, and the overview's kept
    /// totals (whole cents in 64 bits) hold 92,000 such amounts in one group before they overflow.
    public static let maxMoney: Double = 1e12

    /// The allowed values, for choice kinds.
    public var allowedValues: [String]? {
        switch self {
        case .choice(let values), .choices(let values): return values
        default: return nil
        }
    }
}

/// A field that records may carry: a core field, or a track field a plugin declares
/// (named `<track>.<field>`).
public struct FieldDeclaration: Hashable, Sendable {
    /// The field's name (`status`, `critical_minerals.mineral`).
    public let name: String
    /// A short label for forms (`Mineral`).
    public let label: String
    /// Its type and allowed values.
    public let kind: FieldKind
    /// Whether every record must have it.
    public let required: Bool
    /// Help text for data entry.
    public let help: String
    /// The track this field belongs to, for track fields; `nil` for core fields.
    public let track: String?

    /// Declares a field.
    public init(name: String, label: String, kind: FieldKind, required: Bool = false, help: String = "", track: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.help = help
        self.track = track
    }

    /// Declares a track field named `<track>.<field>`.
    public static func track(
        _ track: String,
        _ field: String,
        label: String,
        kind: FieldKind,
        help: String = ""
    ) -> FieldDeclaration {
        FieldDeclaration(name: "\(track).\(field)", label: label, kind: kind, help: help, track: track)
    }
}

/// A track (`critical_minerals`) and its title.
public struct TrackDeclaration: Hashable, Sendable {
    /// The track id, used in `tracks` and as the prefix of its fields.
    public let id: String
    /// Its title (`Critical Minerals`).
    public let title: String

    /// Declares a track.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
