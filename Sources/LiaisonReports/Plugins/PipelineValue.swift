/// The one definition of pipeline value every report uses: the `value_usd` of open records,
/// those of any status but `closed_won` and `closed_lost`. Won and lost value are figures of
/// their own, never part of the pipeline.
///
/// ```swift
/// var value = PipelineValue()
/// for record in input.records { value.add(record) }
/// document.keyFigures += value.keyFigures   // Pipeline value, Won value, Lost value
/// ```
public struct PipelineValue: Hashable, Sendable {
    /// The statuses that close a record (a list: two comparisons cost less than hashing the
    /// status, and every report asks this of every record).
    public static let closedStatuses = ["closed_won", "closed_lost"]

    /// Whether a record is open, so that its value counts in the pipeline.
    public static func isOpen(_ record: ReportRecord) -> Bool {
        isOpen(status: record.status)
    }

    /// Whether records of `status` are open.
    public static func isOpen(status: String) -> Bool {
        !closedStatuses.contains(status)
    }

    /// The value of open records.
    public private(set) var open = 0.0
    /// The value of records closed won.
    public private(set) var won = 0.0
    /// The value of records closed lost.
    public private(set) var lost = 0.0

    /// No values yet, to ``add(_:)`` records to one at a time.
    public init() {}

    /// The values of `records`, in one pass.
    public init(_ records: some Sequence<ReportRecord>) {
        for record in records { add(record) }
    }

    /// Adds one record's value.
    public mutating func add(_ record: ReportRecord) {
        add(value: record.valueUSD, status: record.status)
    }

    /// Adds the value of records of `status` (one record's, or the sum a store keeps).
    public mutating func add(value: Double, status: String) {
        switch status {
        case "closed_won": won += value
        case "closed_lost": lost += value
        default: open += value
        }
    }

    /// `Pipeline value` (open records), `Won value` and `Lost value`.
    public var keyFigures: [KeyFigure] {
        [
            KeyFigure("Pipeline value", .money(open), note: "open records"),
            KeyFigure("Won value", .money(won)),
            KeyFigure("Lost value", .money(lost)),
        ]
    }
}
