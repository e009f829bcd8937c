import LiaisonCore

/// The text a record is found by: every text of its display values, list items included, in
/// key order, each field in conflict with its other values after the one shown (a record is
/// found by what either office wrote), dates left out (`2026-03-01` matches no word a person
/// looks for), folded for search (``SearchFolding/indexed(_:)``). Kept in the record's `search`
/// column; the search index (`record_fts`) indexes that column.
enum SearchText {
    /// The words of `summary`'s display values and other values, joined by spaces and folded;
    /// empty when there are none.
    static func of(_ summary: DisplaySummary) -> String {
        SearchFolding.indexed(written(summary))
    }

    /// The words of `summary` as written (unfolded), joined by spaces: for a record with no
    /// conflict, the text the releases before ``SearchFolding`` kept.
    static func written(_ summary: DisplaySummary) -> String {
        var texts: [String] = []
        func add(_ value: FieldValue) {
            switch value {
            case .text(let text): if !isDate(text) { texts.append(text) }
            case .list(let items): texts += items.filter { !isDate($0) }
            case .number, .bool, .null: break
            }
        }
        let fields =
            summary.otherValues.isEmpty
            ? summary.values.keys.sorted() : Set(summary.values.keys).union(summary.otherValues.keys).sorted()
        for field in fields {
            summary.values[field].map(add)
            summary.otherValues[field]?.forEach(add)
        }
        return texts.joined(separator: " ")
    }

    /// The words of the search index that a record's search text is sure to hold when `value` is
    /// one of its display texts: the words of `value` when it is plain ASCII and kept (not a
    /// date); none otherwise.
    static func indexWords(ofValue value: String) -> [String] {
        isDate(value) ? [] : SearchWordsFunction.indexWords(of: value) ?? []
    }

    /// Whether `text` has the shape of a stored date (`dddd-dd-dd`). By shape, not
    /// `Schema.isDate` (which also checks the calendar): the migration that filled the search
    /// texts left out the same texts with a GLOB, and the tests recount them that way.
    private static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.indices.allSatisfy { index in
            index == 4 || index == 7 ? bytes[index] == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
    }
}
