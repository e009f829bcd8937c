import LiaisonCore

/// The status funnel of a set of records: how many reached each pipeline stage.
///
/// The stages are the statuses in pipeline order up to `closed_won`; a record counts in its
/// own stage and every earlier one (a signed MoU was first identified, then contacted, ...).
/// `closed_lost` and `on_hold` records count only as identified: the stage they stopped at
/// is not recorded.
///
/// ```swift
/// var funnel = StatusFunnel()
/// for record in input.records { funnel.add(record) }
/// document.tables.append(funnel.table())
/// document.charts.append(funnel.chart())
/// ```
public struct StatusFunnel: Sendable {
    /// The pipeline stages, in order.
    public static let stages = ["identified", "contacted", "in_discussion", "mou_signed", "closed_won"]

    /// Records and their USD value at each status.
    private var byStatus: [String: RecordTally] = [:]
    /// Records counted.
    public private(set) var count = 0

    /// Records at each status (every status of ``CoreSchema/statuses``).
    public var atStatus: [String: Int] { byStatus.mapValues(\.count) }

    /// An empty funnel, to ``add(_:)`` records to one at a time.
    public init() {}

    /// The funnel of `records`.
    public init(_ records: some Sequence<ReportRecord>) {
        for record in records { add(record) }
    }

    /// Counts one more record.
    public mutating func add(_ record: ReportRecord) {
        add(count: 1, value: record.valueUSD, status: record.status)
    }

    /// Counts `count` records of `status` whose values sum to `value` (counts a store keeps).
    public mutating func add(count: Int, value: Double, status: String) {
        self.count += count
        byStatus[status, default: RecordTally()].add(count: count, value: value)
    }

    /// Records that reached each of ``stages``.
    public var reached: [Int] {
        Self.stages.indices.map { index in
            index == 0 ? count : Self.stages[index...].reduce(0) { $0 + (byStatus[$1]?.count ?? 0) }
        }
    }

    /// The share of the records of stage `index - 1` that reached stage `index`; `nil` for the
    /// first stage or when the stage before is empty.
    public func conversion(toStage index: Int) -> Double? {
        let reached = reached
        guard index > 0, reached[index - 1] > 0 else { return nil }
        return Double(reached[index]) / Double(reached[index - 1])
    }

    /// From identified to closed won, or `nil` with no records.
    public var overallConversion: Double? {
        let reached = reached
        return reached[0] > 0 ? Double(reached[reached.count - 1]) / Double(reached[0]) : nil
    }

    /// A table: one row per status with records, value, records that reached the stage and the
    /// conversion from the stage before; totals of records and value.
    public func table(id: String = "status_funnel", title: String = "Status funnel") -> ReportTable {
        let reached = reached
        // Added in the rows' order: a dictionary's order changes from process to process, and
        // with it the last digits of a sum (561993687.61 in one run, 561993687.6099999 in the next).
        let statuses = CoreSchema.statuses + byStatus.keys.filter { !CoreSchema.statuses.contains($0) }.sorted()
        let total = statuses.reduce(0) { $0 + (byStatus[$1]?.value ?? 0) }
        let rows: [[ReportValue]] = CoreSchema.statuses.map { status in
            let stage = Self.stages.firstIndex(of: status)
            return [
                .text(ReportLabels.status(status)), .count(byStatus[status]?.count ?? 0),
                .money(byStatus[status]?.value ?? 0),
                stage.map { .count(reached[$0]) } ?? .empty,
                stage.flatMap { conversion(toStage: $0) }.map { .percent($0) } ?? .empty,
            ]
        }
        return ReportTable(
            id: id,
            title: title,
            columns: ["Status", "Records", "Value (USD)", "Reached stage", "Conversion from previous stage"],
            rows: rows,
            totals: [
                "Total", .count(reached[0]), .money(total), .empty,
                overallConversion.map { .percent($0) } ?? .empty,
            ]
        )
    }

    /// The funnel chart of ``reached``.
    public func chart(id: String = "status_funnel", title: String = "Status funnel") -> ReportChart {
        let reached = reached
        return .funnel(
            id: id,
            title: title,
            stages: Self.stages.indices.map { (ReportLabels.status(Self.stages[$0]), reached[$0]) },
            caption: "Each stage counts the records that reached it or a later one; "
                + "closed-lost and on-hold records count only as identified."
        )
    }
}
