/// Which records to list, and in what order.
public struct RecordQuery: Hashable, Sendable {
    /// How to order the list.
    public enum Sort: String, Hashable, Sendable, CaseIterable {
        case updated, title, value, status, office
        /// Id order, the same on every node: the order records were made in (their ids are
        /// time-sortable), after every record an import made (its id is made from the file and
        /// the row, with a zero time); what CSV exports use unless told otherwise, so that two
        /// exports of the same records are the same file.
        case created
    }

    /// Only records in this track.
    public var track: String?
    /// Only records of this office.
    public var office: String?
    /// Only records with this status.
    public var status: String?
    /// Only records with open conflicts, deleted or not (an edit against a delete is a conflict
    /// too); with ``deleted``, only the deleted ones.
    public var conflictedOnly = false
    /// Deleted records instead of live ones (with ``conflictedOnly``: deleted ones only).
    public var deleted = false
    /// Words that every match holds in some text field, track fields included; each word a
    /// prefix (`lith` finds lithium), case and accents ignored, and letters read as their plain
    /// spelling (``SearchFolding``: `orsted` finds Ørsted). A text with no words (`.`, `€`)
    /// is no search: the store lists and counts as without one.
    public var text: String?
    /// At most this many words of a search count: the search index reads each word on its own
    /// (a short one, `a`, reads every indexed word it starts), so a search costs more with every
    /// word. ``check(against:)`` refuses more; the store searches for the first ones.
    public static let searchWordLimit = 8
    /// The words of ``text``, folded as the records' texts are (``SearchFolding``), each once
    /// (whatever its case), in order: runs of letters and digits, as the search index cuts the
    /// texts it indexes, so that `gas-oil` is two words as `gas oil` is, and a NUL (which would
    /// end the index's query early) separates words.
    public var searchWords: [String] {
        var seen = Set<String>()
        return SearchFolding.folded(text ?? "").split(whereSeparator: { !Self.isWordCharacter($0) }).map(String.init)
            .filter { seen.insert($0.lowercased()).inserted }
    }

    /// What is wrong with a search of more than ``searchWordLimit`` words; nil when it has no more.
    public var searchWordsProblem: String? {
        let words = searchWords.count
        return words > Self.searchWordLimit ? "a search may have at most \(Self.searchWordLimit) words; this one has \(words)" : nil
    }

    /// Whether `character` belongs to a word for the search index (FTS5's `unicode61`: letters,
    /// digits and private-use characters; a letter's accents go with it).
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                true
            default: false
            }
        }
    }

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
