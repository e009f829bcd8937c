/// Which records to list, and in what order.
public struct RecordQuery: Hashable, Sendable {
    /// How to order the list.
    public enum Sort: String, Hashable, Sendable, CaseIterable {
        case updated, title, value, status, office
        /// Id order: the order records were made in (ids are time-sortable), the same on
        /// every node; what CSV exports use unless told otherwise, so that two exports of
        /// the same records are the same file.
        case created
    }

    /// Only records in this track.
    public var track: String?
    /// Only records of this office.
    public var office: String?
    /// Only records with this status.
    public var status: String?
    /// Only records with open conflicts.
    public var conflictedOnly = false
    /// Deleted records instead of live ones.
    public var deleted = false
    /// Words that every match holds in some text field, track fields included; each word a
    /// prefix (`lith` finds lithium), case and accents ignored.
    public var text: String?
    /// The order (newest first for `updated`, largest first for `value`, ascending otherwise;
    /// ties by record id).
    public var sort: Sort = .updated
    /// At most this many records.
    public var limit = 1_000
    /// Records to skip, for paging near the start (``LiaisonStore/page(_:)`` pages by `cursor`).
    public var offset = 0
    /// Where a page starts: the `next` or `previous` of an earlier ``RecordPage`` of the same order.
    public var cursor: String?

    /// A query; every filter off.
    public init(
        track: String? = nil,
        office: String? = nil,
        status: String? = nil,
        conflictedOnly: Bool = false,
        deleted: Bool = false,
        text: String? = nil,
        sort: Sort = .updated,
        limit: Int = 1_000,
        offset: Int = 0,
        cursor: String? = nil
    ) {
        self.track = track
        self.office = office
        self.status = status
        self.conflictedOnly = conflictedOnly
        self.deleted = deleted
        self.text = text
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.cursor = cursor
    }
}
