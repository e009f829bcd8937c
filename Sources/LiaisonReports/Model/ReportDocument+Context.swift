extension ReportDocument {
    /// The line under the title naming the period, the filters and the generation time.
    ///
    /// For example `Period: 2024-01-01 to 2024-12-31 · Office: Mumbai · Generated 2024-05-01T09:30:00Z`.
    public var contextLine: String {
        var parts: [String] = []
        if let period, let text = period.displayText {
            parts.append("Period: \(text)")
        }
        parts += filters.map { "\($0.name): \($0.value)" }
        parts.append("Generated \(generatedAt)")
        return parts.joined(separator: " · ")
    }

    /// The warning shown when some records counted have open conflicts, or `nil` when none do.
    public var provisionalNotice: String? {
        switch provisionalCount {
        case ..<1: nil
        case 1: "1 record has open conflicts; figures that include it are provisional."
        default:
            "\(ReportFormatting.count(provisionalCount)) records have open conflicts; "
                + "figures that include them are provisional."
        }
    }
}
