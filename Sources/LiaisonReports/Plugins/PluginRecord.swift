public import LiaisonCore

/// A record as reports see it: its display values, and whether any of them is provisional
/// (the record has an open conflict). Deleted records never reach a report.
///
/// Immutable, and a class so that the many filtered arrays a report makes share records
/// instead of copying each one's fields. Equal when id, values, conflict and time are.
public final class ReportRecord: Hashable, Sendable {
    /// The record id.
    public let id: String
    /// The display value of each field.
    public let fields: [String: FieldValue]
    /// Whether the record has a field in conflict (its figures are provisional).
    public let conflicted: Bool
    /// When it was last written (ms since 1970).
    public let updatedAt: Int64
    /// The record's tracks.
    public let tracks: [String]
    /// The owning office slug.
    public let office: String
    /// The status.
    public let status: String
    /// The value in USD, 0 when not given.
    public let valueUSD: Double

    /// A record for reports. The fields every report reads are looked up once, here.
    public init(id: String, fields: [String: FieldValue], conflicted: Bool, updatedAt: Int64) {
        self.id = id
        self.fields = fields
        self.conflicted = conflicted
        self.updatedAt = updatedAt
        tracks = fields["tracks"]?.listValue ?? []
        office = fields["office"]?.textValue ?? ""
        status = fields["status"]?.textValue ?? ""
        valueUSD = fields["value_usd"]?.numberValue ?? 0
    }

    /// The report view of a state, or `nil` for a deleted record.
    public convenience init?(_ state: RecordState) {
        guard !state.isDeleted else { return nil }
        self.init(id: state.id, fields: state.displayValues, conflicted: !state.conflictedFields.isEmpty,
                  updatedAt: state.updatedAt)
    }

    public static func == (lhs: ReportRecord, rhs: ReportRecord) -> Bool {
        lhs === rhs || (lhs.id == rhs.id && lhs.fields == rhs.fields && lhs.conflicted == rhs.conflicted
            && lhs.updatedAt == rhs.updatedAt)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(fields)
        hasher.combine(conflicted)
        hasher.combine(updatedAt)
    }

    /// A text, choice or date field's value (`"mumbai"`), or `nil`.
    public func text(_ field: String) -> String? { fields[field]?.textValue }
    /// A number field's value, or `nil`.
    public func number(_ field: String) -> Double? { fields[field]?.numberValue }
    /// A boolean field's value, or `nil`.
    public func flag(_ field: String) -> Bool? { fields[field]?.boolValue }
    /// The date the record counts from in periods: `opened_on`, else the day of its last write.
    public var date: String { text("opened_on") ?? String(Timestamp.iso(updatedAt).prefix(10)) }
}
