import Hummingbird
import LiaisonCore
import LiaisonStore

/// `GET /conflicts`: records with open conflicts, with the fields in conflict.
extension WebRoutes {
    @Sendable func conflictsPage(_ request: Request, _ context: LiaisonRequestContext, _ user: WebUser) async throws -> Response {
        let page = max(1, Int(WebForm.query(of: request)["page"] ?? "") ?? 1)
        let (states, total) = try await store.list(RecordQuery(conflictedOnly: true, limit: Self.pageSize,
                                                               offset: (page - 1) * Self.pageSize))
        let rows = states.map { state -> HTML in
            let view = RecordView(state)
            let fields = state.conflictedFields.map { name -> String in
                name == deletedField ? "Deleted vs edited" : (schema.field(name)?.label ?? name)
            }.joined(separator: ", ")
            let writers = Set(view.conflicts.values.flatMap { $0.map { "\($0.author) (\(WebFormat.replicaOffice($0.replica)))" } })
                .sorted().joined(separator: ", ")
            return """
                <tr class="conflicted"><td><a href="/records/\(state.id)#resolve">\(view.fields["title"]?.textValue ?? "(untitled)")</a></td>
                <td>\(fields)</td><td class="hide-small">\(writers)</td>
                <td>\(WebFormat.office(view.fields["office"]?.textValue ?? ""))</td>
                <td class="hide-small muted">\(WebFormat.time(millis: state.updatedAt))</td></tr>
                """
        }
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let body: HTML = states.isEmpty
            ? "<div class=\"card\"><p><strong>No open conflicts.</strong> Every record reads the same at every office that has synced.</p></div>"
            : """
              <div class="table-wrap"><table class="list">
              <caption class="muted" style="text-align:left;padding:0.5rem 0.75rem">\(total) record\(total == 1 ? "" : "s") with conflicts</caption>
              <thead><tr><th scope="col">Record</th><th scope="col">Fields in conflict</th><th scope="col" class="hide-small">Changed by</th>
              <th scope="col">Office</th><th scope="col" class="hide-small">Last change</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
              <nav class="pager" aria-label="Pages">\(page > 1 ? HTML(raw: "<a class=\"button secondary\" href=\"/conflicts?page=\(page - 1)\">← Previous</a>") : HTML(raw: "<span></span>"))
              <span class="muted">Page \(page) of \(pages)</span>\(page < pages ? HTML(raw: "<a class=\"button secondary\" href=\"/conflicts?page=\(page + 1)\">Next →</a>") : HTML(raw: "<span></span>"))</nav>
              """
        return try await render("Conflicts", user: user, section: .conflicts, body: """
            <h1>Conflicts</h1>
            <p>A conflict means two offices changed the same field of a record at the same time, each without seeing
            the other's change. Liaison keeps both values; open a record to compare them and choose.</p>
            \(body)
            """)
    }
}
