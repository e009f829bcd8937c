import Hummingbird
import LiaisonCore
import LiaisonStore

/// `GET /conflicts`: records with open conflicts, with the fields in conflict.
extension WebRoutes {
    @Sendable func conflictsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let cursor = WebForm.query(of: request).text("cursor")
        let listed: RecordPage
        do { listed = try await store.page(RecordQuery(conflictedOnly: true, limit: Self.pageSize, cursor: cursor)) } catch let error as StoreError
            where error.code == .invalid
        {
            // An old or mangled link: start again at the first page.
            listed = try await store.page(RecordQuery(conflictedOnly: true, limit: Self.pageSize))
        }
        let states = listed.states
        let total =
            switch listed.total {
            case .exact(let count): WebFormat.count(count)
            case .moreThan(let count): "More than \(WebFormat.count(count))"
            }
        func link(_ cursor: String?, _ text: String) -> HTML {
            cursor.map { "<a class=\"button secondary\" href=\"/conflicts?cursor=\($0)\">\(text)</a>" } ?? "<span></span>"
        }
        let rows = states.map { state -> HTML in
            let view = RecordView(state)
            let fields = state.conflictedFields.map { name -> String in
                name == deletedField ? "Deleted vs edited" : (schema.field(name)?.label ?? name)
            }.joined(separator: ", ")
            // Each name in <bdi>: a right-to-left mark in one cannot turn the rest of the row around.
            let writers = HTML.join(
                Set(view.conflicts.values.flatMap { $0.map { [$0.author, WebFormat.replicaOffice($0.replica)] } })
                    .sorted { $0.lexicographicallyPrecedes($1) }
                    .map { "<bdi>\($0[0])</bdi> (\($0[1]))" as HTML },
                separator: ", "
            )
            return """
                <tr class="conflicted"><td><a href="/records/\(state.id)#resolve">\(view.fields["title"]?.textValue ?? "(untitled)")</a></td>
                <td>\(fields)</td><td class="hide-small">\(writers)</td>
                <td>\(WebFormat.office(view.fields["office"]?.textValue ?? ""))</td>
                <td class="hide-small muted">\(WebFormat.time(millis: state.updatedAt))</td></tr>
                """
        }
        let body: HTML =
            states.isEmpty
            ? "<div class=\"card\"><p><strong>No open conflicts.</strong> Every record reads the same at every office that has synced.</p></div>"
            : """
            <div class="table-wrap"><table class="list">
            <caption class="muted" style="text-align:left;padding:0.5rem 0.75rem">\(total) record\(total == "1" ? "" : "s") with conflicts</caption>
            <thead><tr><th scope="col">Record</th><th scope="col">Fields in conflict</th><th scope="col" class="hide-small">Changed by</th>
            <th scope="col">Office</th><th scope="col" class="hide-small">Last change</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <nav class="pager" aria-label="Pages">\(link(listed.previous, "← Previous"))<span></span>\(link(listed.next, "Next →"))</nav>
            """
        return try await render(
            "Conflicts",
            user: user,
            section: .conflicts,
            body: """
                <h1>Conflicts</h1>
                <p>A conflict means two offices changed the same field of a record at the same time, each without seeing
                the other's change. Liaison keeps both values; open a record to compare them and choose.</p>
                \(body)
                """
        )
    }
}
