/// How many records, and the sum of their `value_usd`: the figure most report cells hold,
/// added to one record at a time as a report streams its records.
///
/// ```swift
/// var byOffice: [String: RecordTally] = [:]
/// for record in input.records { byOffice[record.office, default: RecordTally()].add(record) }
/// ```
public struct RecordTally: Hashable, Sendable {
    /// Records added.
    public private(set) var count = 0
    /// The sum of their values in USD (0 for records without one).
    public private(set) var value = 0.0

    /// An empty tally.
    public init() {}

    /// Adds a record.
    public mutating func add(_ record: ReportRecord) {
        add(count: 1, value: record.valueUSD)
    }

    /// Adds `count` records whose values sum to `value` (counts a store keeps).
    public mutating func add(count: Int, value: Double) {
        self.count += count
        self.value += value
    }
}
