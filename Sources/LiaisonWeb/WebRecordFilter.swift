import LiaisonCore
import LiaisonStore

/// The filters, search and order of the record list's query string (`/records`,
/// `/records.csv`), checked as `GET /v1/records` checks them (``RecordQuery/check(against:)``,
/// ``YesNo``), so that a value the list does not know (`office=Mumbai`, `deleted=maybe`) is
/// refused by name rather than ignored, which would list every live record under filters that
/// read "All offices". An empty value (the forms' "All offices") is no filter. The number of
/// words of the search is left to the caller: the page searches for the first ones and says so.
struct WebRecordFilter {
    /// A value the list does not know: its parameter, and what is wrong with it, naming it.
    struct Refusal: Error, CustomStringConvertible {
        let parameter: String
        /// What it must be, and what it is (`must be one of …, got "Mumbai"`).
        let problem: String

        var description: String { "No records were listed: the filter \(parameter) \(problem)." }
    }

    /// No page size.
    private(set) var query = RecordQuery(limit: Int.max)

    /// Reads `form`, ordered by `fallback` unless it gives `sort`.
    /// - Throws: ``Refusal`` for the first bad filter.
    init(_ form: WebForm, schema: Schema, sort fallback: RecordQuery.Sort) throws(Refusal) {
        query.text = form.text("q")
        query.office = form.text("office")
        query.track = form.text("track")
        query.status = form.text("status")
        query.conflictedOnly = try Self.flag(form, "conflicted")
        query.deleted = try Self.flag(form, "deleted")
        query.sort = fallback
        if let sort = form.text("sort") {
            guard let order = RecordQuery.Sort(rawValue: sort) else {
                let known = RecordQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")
                throw Refusal(parameter: "sort", problem: "must be one of \(known), got \"\(sort.prefix(40))\"")
            }
            query.sort = order
        }
        do {
            try query.check(against: schema)
        } catch {
            // The search's words are counted apart (``searchIsCut``); the filters' field names
            // are the parameters', but for `tracks`.
            for issue in error.issues where issue.field != "q" {
                throw Refusal(parameter: issue.field == "tracks" ? "track" : issue.field, problem: issue.message)
            }
        }
    }

    /// Whether the search has more words than a search takes (``RecordQuery/searchWordLimit``).
    var searchIsCut: Bool { query.searchWordsProblem != nil }

    /// Cuts the search to the words a search takes, as they are searched for, so that the
    /// search box, the page's links and its download say what was searched.
    mutating func cutSearch() {
        guard searchIsCut else { return }
        query.text = query.searchWords.prefix(RecordQuery.searchWordLimit).joined(separator: " ")
    }

    /// Whether a search was given that has no words (`.`, `€`): it lists what no search lists.
    var searchHasNoWords: Bool { query.text != nil && query.searchWords.isEmpty }

    /// The flag `name` as ``YesNo`` reads it; absent or empty is no.
    private static func flag(_ form: WebForm, _ name: String) throws(Refusal) -> Bool {
        guard let text = form.text(name) else { return false }
        guard let flag = YesNo.parse(text) else { throw Refusal(parameter: name, problem: "\(YesNo.expectation), got \"\(text.prefix(40))\"") }
        return flag
    }
}
