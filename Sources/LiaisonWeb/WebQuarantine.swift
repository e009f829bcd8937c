import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// The quarantine on the Sync page: how many states the intake set aside, and for admins what
/// they are (source, record, rule, when), a page at a time, with a button to drop them once
/// dealt with.
extension WebRoutes {
    /// `POST /quarantine/drop` (admin): forgets one entry (`id`) or every entry, then back to
    /// the Sync page (at the quarantine page the form was on) saying so.
    @Sendable func dropQuarantine(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form(taking: WebFormFields(["id", "quarantine", "qpage"]))
        let place = QuarantinePlace(form)
        // An `id` given, even blank, names one entry: only Drop all's form, which sends none,
        // drops them all (a blank one dropped every entry, for good).
        if let text = form["id"] {
            guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let id = Int64(text) else {
                return try await showSync(user: user, notice: WebNotice.warn("No such entry."), status: .badRequest, quarantine: place)
            }
            try await store.dropQuarantined(id: id)
            return .seeOther(place.link(done: "dropped"))
        }
        _ = try await store.dropAllQuarantined()
        return .seeOther("/sync?done=droppedall")
    }

    /// The quarantine entries a page of the Sync page lists.
    static let quarantineRowsShown = 50

    /// The section: the counts (entries kept, states not kept) for everyone, the entries (a
    /// page of 50, the most recent first, from `place`) for admins.
    func quarantineSection(user: WebUser, place: QuarantinePlace) async throws -> HTML {
        let kept = try await store.quarantinedCount()
        let notKept = try await store.quarantinedNotKept()
        guard kept > 0 || notKept > 0 else { return "" }
        let more: HTML =
            notKept == 0
            ? ""
            : " \(notKept) more state\(notKept == 1 ? " was" : "s were") refused and not kept: their source's room in the quarantine was full."
        let intro: HTML = """
            <h2 id="quarantine">Quarantine</h2>
            <p class="muted">\(kept) state\(kept == 1 ? " was" : "s were") set aside instead of merged: \
            they broke a rule of what a node accepts (docs/operations.md, "Intake limits"). Everything else from the \
            same peer or file merged.\(more)</p>
            """
        guard user.isAdmin, kept > 0 else { return intro }
        var place = place
        var page = try await store.quarantine(limit: Self.quarantineRowsShown, after: place.cursor)
        if page.entries.isEmpty && place.cursor != nil {
            // Past the end (the last entries of that page were dropped) or an old link: the first page.
            place = QuarantinePlace()
            page = try await store.quarantine(limit: Self.quarantineRowsShown)
        }
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf\" value=\"\(user.session.csrf)\">"
        let rows = page.entries.map { entry -> HTML in
            """
            <tr><td>\(WebFormat.time(millis: entry.lastAt))\(entry.times > 1 ? " (\(entry.times) times)" : "")</td>
            <td>\(entry.source)</td><td><code>\(entry.recordID ?? "—")</code></td><td>\(entry.problem)</td>
            <td><form method="post" action="/quarantine/drop">\(csrf)\(place.hiddenFields)
            <input type="hidden" name="id" value="\(String(entry.id))"><button type="submit" class="secondary">Drop</button></form></td></tr>
            """
        }
        let (first, last) = WebPager.rows(page: place.page, size: Self.quarantineRowsShown, count: page.entries.count)
        let pager = WebPager(
            page: place.page,
            previous: place.page > 1 ? QuarantinePlace().link() : nil,
            next: page.next.map { QuarantinePlace(cursor: $0, page: place.page + 1).link() },
            previousLabel: "← Newest"
        )
        return """
            \(intro)
            <div class="table-wrap"><table class="list">
            <caption class="muted" style="text-align:left;padding:0.5rem 0.75rem">Entries \(first)–\(last) of \(page.total), the most recent first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">From</th><th scope="col">Record</th>
            <th scope="col">Rule it broke</th><th scope="col"></th></tr></thead>
            <tbody>\(Array(rows))</tbody></table></div>
            \(page.total > Self.quarantineRowsShown ? pager.html : .empty)
            <form method="post" action="/quarantine/drop">\(csrf)
            <button type="submit" class="secondary">Drop all \(page.total)</button></form>
            """
    }
}

/// Which page of the quarantine the Sync page shows: the store's cursor (`quarantine=`, a
/// page's `next`) and the page's number (`qpage=`). A cursor that does not read is the first page.
struct QuarantinePlace {
    var cursor: QuarantineCursor?
    var page = 1

    init(cursor: QuarantineCursor? = nil, page: Int = 1) {
        (self.cursor, self.page) = (cursor, page)
    }

    /// The place a request's query (or a drop form) names.
    init(_ form: WebForm) {
        cursor = form.text("quarantine").flatMap(QuarantineCursor.init)
        page = WebPager.pageNumber(form["qpage"], hasCursor: cursor != nil)
    }

    /// The Sync page at this place, saying `done` (a ``WebNotice/done(_:)`` key) when given.
    func link(done: String? = nil) -> String {
        let query = WebForm.query([("done", done), ("quarantine", cursor?.description), ("qpage", cursor == nil ? nil : String(page))])
        return "/sync" + (query.isEmpty ? "" : "?" + query) + "#quarantine"
    }

    /// The place as a form's hidden fields, so a drop comes back to it.
    var hiddenFields: HTML {
        guard let cursor else { return .empty }
        return """
            <input type="hidden" name="quarantine" value="\(cursor.description)"><input type="hidden" name="qpage" value="\(page)">
            """
    }
}
