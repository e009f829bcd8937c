public import LiaisonCore

/// A record as reports see it: the facts every report reads (office, status, value, tracks,
/// date, last write, whether it has an open conflict), and the display values of the fields
/// the report declared it reads. Deleted records never reach a report.
///
/// A small value: a report streams records one at a time and keeps only what it tallies
/// (docs/design.md §13).
public struct ReportRecord: Hashable, Sendable {
    /// The record id.
    public let id: String
    /// The display value of each field the report reads (from a store: the fields its plugin
    /// declares in ``TrackPlugin/reportFields``; cleared fields left out).
    public var fields: [String: FieldValue] {
        Dictionary(uniqueKeysWithValues: values.map { ($0.name, $0.value) })
    }
    /// The same values as a list sorted by name: a report reads a few fields of every record,
    /// and finding one among a handful by comparing names costs less than building and hashing
    /// a dictionary per record.
    private let values: [ReportField]
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
    /// The date the record counts from in periods: `opened_on`, else the day of its last write.
    public let date: String

    /// A record for reports from its display values. The facts every report reads are looked
    /// up once, here.
    public init(id: String, fields: [String: FieldValue], conflicted: Bool, updatedAt: Int64) {
        self.init(
            id: id,
            office: fields["office"]?.textValue ?? "",
            status: fields["status"]?.textValue ?? "",
            valueUSD: fields["value_usd"]?.numberValue ?? 0,
            tracks: fields["tracks"]?.listValue ?? [],
            date: Self.date(openedOn: fields["opened_on"]?.textValue, updatedAt: updatedAt),
            updatedAt: updatedAt,
            conflicted: conflicted,
            fields: fields
        )
    }

    /// A record for reports from its facts, as a store keeps them, and the display values of
    /// the fields a report reads.
    public init(
        id: String,
        office: String,
        status: String,
        valueUSD: Double,
        tracks: [String],
        date: String,
        updatedAt: Int64,
        conflicted: Bool,
        fields: [String: FieldValue]
    ) {
        self.init(
            id: id,
            office: office,
            status: status,
            valueUSD: valueUSD,
            tracks: tracks,
            date: date,
            updatedAt: updatedAt,
            conflicted: conflicted,
            values: fields.map { ReportField($0.key, $0.value) }.sorted { $0.name < $1.name }
        )
    }

    /// A record for reports from its facts and the values of the fields a report reads, sorted
    /// by name, one a name: a store's rows, read in the order of ``ReportScope/fields``. Kept to
    /// this package, where that order is known to hold (equal records must hold equal lists).
    package init(
        id: String,
        office: String,
        status: String,
        valueUSD: Double,
        tracks: [String],
        date: String,
        updatedAt: Int64,
        conflicted: Bool,
        values: [ReportField]
    ) {
        self.id = id
        self.office = office
        self.status = status
        self.valueUSD = valueUSD
        self.tracks = tracks
        self.date = date
        self.updatedAt = updatedAt
        self.conflicted = conflicted
        assert(zip(values, values.dropFirst()).allSatisfy { $0.name < $1.name }, "report values not sorted by name")
        self.values = values
    }

    /// The report view of a state, or `nil` for a deleted record.
    public init?(_ state: RecordState) {
        guard !state.isDeleted else { return nil }
        self.init(
            id: state.id,
            fields: state.displayValues,
            conflicted: !state.conflictedFields.isEmpty,
            updatedAt: state.updatedAt
        )
    }

    /// The day a record counts from: `openedOn`, else the UTC day of `updatedAt`.
    public static func date(openedOn: String?, updatedAt: Int64) -> String {
        openedOn ?? String(Timestamp.iso(updatedAt).prefix(10))
    }

    /// A text, choice or date field's value (`"mumbai"`), or `nil`.
    public func text(_ field: String) -> String? { value(field)?.textValue }
    /// A number field's value, or `nil`.
    public func number(_ field: String) -> Double? { value(field)?.numberValue }
    /// A boolean field's value, or `nil`.
    public func flag(_ field: String) -> Bool? { value(field)?.boolValue }

    private func value(_ field: String) -> FieldValue? {
        values.first { $0.name == field }?.value
    }
}

/// One field's display value in a ``ReportRecord``.
package struct ReportField: Hashable, Sendable {
    /// The field's name.
    package let name: String
    /// Its display value.
    package let value: FieldValue

    /// The entry for `name`.
    package init(_ name: String, _ value: FieldValue) {
        self.name = name
        self.value = value
    }
}
