/// The records a report reads, streamed one at a time: a report makes one pass and keeps only
/// what it tallies, so memory does not grow with the store (docs/design.md §13).
///
/// ```swift
/// var open = 0
/// for record in input.records where PipelineValue.isOpen(record) { open += 1 }
/// ```
///
/// From a store, the sequence reads rows of one read transaction while the report is built,
/// and each pass reads them again: a report should make one pass.
public struct ReportRecords: Sequence, @unchecked Sendable {
    // Unchecked: a store's iterator reads its transaction on the thread that builds the report,
    // which is the only thread that iterates it.
    private let iterate: () -> AnyIterator<ReportRecord>

    /// Records held in memory.
    public init(_ records: [ReportRecord]) {
        iterate = { AnyIterator(records.makeIterator()) }
    }

    /// Records made by `iterate` for each pass (a store's rows).
    public init(iterate: @escaping () -> AnyIterator<ReportRecord>) {
        self.iterate = iterate
    }

    public func makeIterator() -> AnyIterator<ReportRecord> { iterate() }
}
