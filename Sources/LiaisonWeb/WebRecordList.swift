import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// `GET /records`: search, filters, sorting and paging by cursor (`cursor=` takes the store's
/// `next` / `previous`; `page=` only numbers the page shown).
extension WebRoutes {
    static let pageSize = 25

    @Sendable func recordList(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let query = WebForm.query(of: request)
        var checked: WebRecordFilter
        do { checked = try WebRecordFilter(query, schema: schema, sort: .updated) } catch { throw APIError.badRequest(error.description) }
        // People paste long text: the page searches for the first words, and says so.
        let searchIsCut = checked.searchIsCut
        checked.cutSearch()
        var filter = checked.query
        filter.cursor = query.text("cursor")
        let page = WebPager.pageNumber(query["page"], hasCursor: filter.cursor != nil)
        filter.limit = Self.pageSize
        var listed: RecordPage
        do { listed = try await store.page(filter) } catch let error as StoreError where error.code == .invalid {
            // A cursor from a page of another order or an old link: start again at the first page.
            filter.cursor = nil
            listed = try await store.page(filter)
        }
        if filter.cursor != nil && listed.previous == nil && listed.states.count < Self.pageSize {
            // Back at the start with a short page: show the whole first page.
            filter.cursor = nil
            listed = try await store.page(filter)
        }
        let states = listed.states
        let loading = try await store.indexesAreAside()
        // A search during a bulk load finds only the records held before it (docs/design.md §13).
        let searchIncomplete = loading && !filter.searchWords.isEmpty
        let shownPage = listed.previous == nil ? 1 : page

        let pairs: [(String, String?)] = [
            ("q", filter.text), ("office", filter.office), ("track", filter.track), ("status", filter.status),
            ("conflicted", filter.conflictedOnly ? "1" : nil), ("deleted", filter.deleted ? "1" : nil),
            ("sort", filter.sort == .updated ? nil : filter.sort.rawValue),
        ]
        func link(_ cursor: String, page: Int) -> String {
            "/records?" + WebForm.query(pairs + [("cursor", cursor), ("page", String(page))])
        }
        let (first, last) = WebPager.rows(page: shownPage, size: Self.pageSize, count: states.count)
        let total =
            switch listed.total {
            case .exact(let count): searchIncomplete ? "at least \(WebFormat.count(count))" : WebFormat.count(count)
            case .moreThan(let count): "more than \(WebFormat.count(count))"
            }
        let newButton: HTML =
            user.canEdit
            ? "<a class=\"button secondary\" href=\"/import\">Import CSV</a><a class=\"button\" href=\"/records/new\">New record</a>" : ""
        let download: HTML = "<a class=\"button secondary\" href=\"/records.csv?\(WebForm.query(pairs))\" download>Download CSV</a>"
        let rows = states.map { recordRow($0) }
        let table: HTML =
            states.isEmpty
            ? (searchIncomplete
                ? "<div class=\"card\"><p>No records found among those this office held before the load. Try again when the load ends.</p></div>"
                : "<div class=\"card\"><p>No records match. Clear the filters or <a href=\"/records\">show every record</a>.</p></div>")
            : """
            <div class="table-wrap"><table class="list">
            <caption class="muted" style="text-align:left;padding:0.5rem 0.75rem">Records \(first)–\(last) of \(total)</caption>
            <thead><tr><th scope="col">Title</th><th scope="col" class="hide-small">Type</th><th scope="col">Office</th>
            <th scope="col">Status</th><th scope="col" class="hide-small">Tracks</th><th scope="col" class="num">Value</th>
            <th scope="col" class="hide-small">Updated</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let pager = WebPager(
            page: shownPage,
            previous: listed.previous.map { link($0, page: shownPage - 1) },
            next: listed.next.map { link($0, page: shownPage + 1) }
        )
        var notices = loading ? [Self.loadingNotice(searching: searchIncomplete)] : []
        if searchIsCut, let text = filter.text {
            notices.append(
                WebNotice.info(
                    "Searched for the first \(RecordQuery.searchWordLimit) words: “\(text)”. A search takes at most \(RecordQuery.searchWordLimit) words; the rest were left out."
                )
            )
        }
        if checked.searchHasNoWords, let text = filter.text {
            notices.append(
                WebNotice.info("There was nothing to search for in “\(text)”: a search looks for words (letters and digits). Every record is listed.")
            )
        }
        return try await render(
            "Records",
            user: user,
            section: .records,
            notice: HTML.join([WebNotice.done(query["done"]) ?? WebNotice.imported(query)].compactMap { $0 } + notices),
            body: """
                <div class="page-head"><h1>Records</h1><div class="actions">\(download)\(newButton)</div></div>
                <form class="card filters" method="get" action="/records" role="search" aria-label="Search and filter records">
                <div class="wide"><label for="q">Search</label>
                <input type="search" id="q" name="q" value="\(filter.text)" placeholder="Words in any text field; the start of a word is enough"></div>
                \(select("office", "Office", CoreSchema.offices.map { ($0, WebFormat.office($0)) }, filter.office, any: "All offices"))
                \(select("track", "Track", schema.tracks.map { ($0.id, $0.title) }, filter.track, any: "All tracks"))
                \(select("status", "Status", CoreSchema.statuses.map { ($0, WebFormat.humanize($0)) }, filter.status, any: "Any status"))
                \(select("sort", "Sort by", [("updated", "Last updated"), ("title", "Title"), ("value", "Value (largest first)"),
                                         ("status", "Status"), ("office", "Office")], filter.sort.rawValue, any: nil))
                <div><label class="check"><input type="checkbox" name="conflicted" value="1"\(HTML.flag("checked", filter.conflictedOnly))> Only with conflicts</label>
                <label class="check"><input type="checkbox" name="deleted" value="1"\(HTML.flag("checked", filter.deleted))> Deleted records</label></div>
                <div class="actions"><button type="submit">Search</button><a class="button secondary" href="/records">Clear</a></div>
                </form>
                \(table)
                \(pager.html)
                """
        )
    }

    /// `GET /records.csv`: every record the list's filters match, as CSV (``RecordCSV``),
    /// streamed; a filter the list does not know is a 400 in plain text (a download shows no page),
    /// and a search during a bulk load a 503 (``CSVDownload/searchDuringBulkLoad``).
    @Sendable func recordCSV(_ request: Request, _ context: WebContext) async throws -> Response {
        let filter: WebRecordFilter
        do { filter = try WebRecordFilter(WebForm.query(of: request), schema: schema, sort: .created) } catch {
            return Self.plainText(error.description, status: .badRequest)
        }
        // A file cannot carry the page's notice that a long search was cut: refused as the API
        // refuses it (the page's own Download CSV carries the words it searched for).
        if let problem = filter.query.searchWordsProblem {
            return Self.plainText("No records were listed: q: \(problem).", status: .badRequest)
        }
        do {
            return try await CSVDownload.records(store: store, query: filter.query, forSpreadsheet: true)
        } catch let refused as APIError {
            return Self.plainText(refused.message, status: refused.status, headers: refused.headers)
        }
    }

    /// `text` as a plain-text answer: a refused download.
    private static func plainText(_ text: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: text + "\n"))
        )
    }

    /// While this node loads a peer's records in bulk (a first sync), what the list shows; for a
    /// search, that it finds only the records held before the load.
    private static func loadingNotice(searching: Bool) -> HTML {
        searching
            ? WebNotice.warn(
                "This office is still loading records from a peer; search finds only the records it held before: try again when the load ends."
            )
            : WebNotice.info(
                "This office is loading records from another office (a first sync). The list shows them as they arrive; search finds them once the load has finished."
            )
    }

    private func recordRow(_ state: RecordState) -> HTML {
        let view = RecordView(state)
        let fields = view.fields
        let title = fields["title"]?.textValue ?? "(untitled)"
        let badges: HTML = HTML.join([
            view.isConflicted ? " <span class=\"badge conflict\">Conflict</span>" : .empty,
            view.deleted ? " <span class=\"badge deleted\">Deleted</span>" : .empty,
        ])
        let tracks = (fields["tracks"]?.listValue ?? []).map { WebFormat.track($0, schema: schema) }.joined(separator: ", ")
        let value = fields["value_usd"]?.numberValue.map(WebFormat.money) ?? "—"
        return """
            <tr\(view.isConflicted ? HTML(raw: " class=\"conflicted\"") : .empty)>
            <td><a href="/records/\(view.id)">\(title)</a>\(badges)</td>
            <td class="hide-small">\(WebFormat.humanize(fields["type"]?.textValue ?? ""))</td>
            <td>\(WebFormat.office(fields["office"]?.textValue ?? ""))</td>
            <td><span class="badge status">\(WebFormat.humanize(fields["status"]?.textValue ?? ""))</span></td>
            <td class="hide-small">\(tracks)</td>
            <td class="num">\(value)</td>
            <td class="hide-small muted">\(WebFormat.time(millis: state.updatedAt))</td>
            </tr>
            """
    }

    /// A labelled `<select>` with an optional "any" first option.
    func select(_ name: String, _ label: String, _ options: [(String, String)], _ selected: String?, any: String?) -> HTML {
        let anyOption: HTML = any.map { "<option value=\"\"\(HTML.flag("selected", selected == nil))>\($0)</option>" } ?? .empty
        let items = options.map { value, text -> HTML in
            "<option value=\"\(value)\"\(HTML.flag("selected", selected == value))>\(text)</option>"
        }
        return """
            <div><label for="\(name)">\(label)</label>
            <select id="\(name)" name="\(name)">\(anyOption)\(HTML.join(items))</select></div>
            """
    }
}
