/// The pager under a list paged by cursor (records, the quarantine): a link back, the number
/// of the page shown and a link on. A link carries the store's cursor and the number of the
/// page it opens (`page=` only numbers the page shown).
struct WebPager {
    /// The number of the page shown, from 1.
    let page: Int
    /// The address of the page before, if there is one to link.
    var previous: String?
    /// The address of the page after; nil on the last page.
    var next: String?
    /// The words of the link back.
    var previousLabel = "← Previous"

    /// The largest page number shown: no store holds more pages, so only an address edited by
    /// hand asks for more, and the rows' numbers (``rows(page:size:count:)``) stay far from
    /// overflowing.
    static let largestPage = 1_000_000_000

    /// The number a link gave the page it opens: 1 without a cursor (the first page), else at
    /// least 2 and at most ``largestPage``.
    static func pageNumber(_ text: String?, hasCursor: Bool) -> Int {
        hasCursor ? min(max(2, Int(text ?? "") ?? 2), largestPage) : 1
    }

    /// The numbers of the first and last of `count` rows shown on page `page` of `size` rows.
    static func rows(page: Int, size: Int, count: Int) -> (first: Int, last: Int) {
        let first = (page - 1) * size + 1
        return (first, first + count - 1)
    }

    var html: HTML {
        let back: HTML = previous.map { "<a class=\"button secondary\" href=\"\($0)\" rel=\"prev\">\(previousLabel)</a>" } ?? "<span></span>"
        let on: HTML = next.map { "<a class=\"button secondary\" href=\"\($0)\" rel=\"next\">Next →</a>" } ?? "<span></span>"
        return "<nav class=\"pager\" aria-label=\"Pages\">\(back)<span class=\"muted\">Page \(page)</span>\(on)</nav>"
    }
}
