/// What the overview report needs, as a store keeps it, so that the overview is built without
/// reading every record (docs/design.md §13): records counted by the combination of facts the
/// overview tallies, stale records counted by office, and the few it lists by name.
public struct OverviewCounts: Sendable {
    /// Records counted together: those of one office, status, set of tracks, conflict state and
    /// value basis, with how many there are and the sum of their `value_usd`.
    public struct Group: Hashable, Sendable {
        /// The office slug (`""` when the records have none).
        public let office: String
        /// The status (`""` when the records have none).
        public let status: String
        /// The tracks, in the records' order.
        public let tracks: [String]
        /// Whether the records have an open conflict.
        public let conflicted: Bool
        /// The value basis (`""` when not given).
        public let valueBasis: String
        /// How many records.
        public let count: Int
        /// The sum of their values in USD.
        public let value: Double

        /// A group of `count` records.
        public init(
            office: String,
            status: String,
            tracks: [String],
            conflicted: Bool,
            valueBasis: String,
            count: Int,
            value: Double
        ) {
            self.office = office
            self.status = status
            self.tracks = tracks
            self.conflicted = conflicted
            self.valueBasis = valueBasis
            self.count = count
            self.value = value
        }
    }

    /// Every record, in groups.
    public let groups: [Group]
    /// Stale records (``OverviewReport/isStale(_:today:)``) by office slug (`""` for none).
    public let staleByOffice: [String: Int]
    /// The stale records longest without activity, oldest first (by last write, then id), at
    /// most 25, each with its `title`.
    public let oldestStale: [ReportRecord]

    /// The counts of a store.
    public init(groups: [Group], staleByOffice: [String: Int], oldestStale: [ReportRecord]) {
        self.groups = groups
        self.staleByOffice = staleByOffice
        self.oldestStale = oldestStale
    }

    /// How many records have an open conflict.
    public var conflictedCount: Int {
        groups.reduce(0) { $0 + ($1.conflicted ? $1.count : 0) }
    }
}
