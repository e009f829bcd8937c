/// The dates a report covers, as ISO `YYYY-MM-DD` strings; either end may be open.
public struct ReportPeriod: Codable, Sendable, Equatable {
    /// The first day covered, or `nil` for "since the beginning".
    public var from: String?
    /// The last day covered, or `nil` for "up to now".
    public var to: String?

    /// Creates a period from its first and last days.
    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether neither end is set: every record counts, whatever its day.
    public var isUnbounded: Bool { from == nil && to == nil }

    /// The period for people: `2024-01-01 to 2024-12-31`, `from 2024-01-01`, `until 2024-12-31`,
    /// or `nil` when both ends are open.
    public var displayText: String? {
        switch (from, to) {
        case let (from?, to?): "\(from) to \(to)"
        case let (from?, nil): "from \(from)"
        case let (nil, to?): "until \(to)"
        case (nil, nil): nil
        }
    }
}

/// One filter applied to the records a report counts, such as `Office: Mumbai`.
public struct ReportFilter: Codable, Sendable, Equatable {
    /// What is filtered on, for people (`Office`).
    public var name: String
    /// The value kept (`Mumbai`).
    public var value: String

    /// Creates a filter.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
