/// A headline number of a report, such as "Partnerships signed: 42".
public struct KeyFigure: Codable, Sendable, Equatable {
    /// What the number is, for people.
    public var label: String
    /// The number.
    public var value: ReportValue
    /// An optional remark, such as "up from 30 last year".
    public var note: String?

    /// Creates a key figure: `KeyFigure("Signed value", .money(12_500_000))`.
    public init(_ label: String, _ value: ReportValue, note: String? = nil) {
        self.label = label
        self.value = value
        self.note = note
    }
}
