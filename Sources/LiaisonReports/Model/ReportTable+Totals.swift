extension ReportTable {
    /// This table with a totals row summing each column of counts, money or plain numbers.
    ///
    /// A column is summed when all its non-empty values are of one of those kinds; percentages
    /// and text are not summed. The label goes in the first column when that column is not summed.
    public func withTotals(label: String = "Total") -> ReportTable {
        var table = self
        table.totals = columns.indices.map { index in
            sum(ofColumn: index) ?? (index == 0 ? .text(label) : .empty)
        }
        return table
    }

    private func sum(ofColumn index: Int) -> ReportValue? {
        let values = rows.map { fitted($0)[index] }.filter { $0 != .empty }
        guard let first = values.first, values.allSatisfy({ $0.kind == first.kind }) else { return nil }
        switch first {
        case .count:
            return .count(
                values.reduce(0) { total, value in
                    if case .count(let n) = value { total + n } else { total }
                }
            )
        case .money: return .money(values.compactMap(\.numericValue).reduce(0, +))
        case .number: return .number(values.compactMap(\.numericValue).reduce(0, +))
        case .percent, .text, .empty: return nil
        }
    }
}
