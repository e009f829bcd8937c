import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore

/// The quarantine on the Sync page: how many states the intake set aside, and for admins what
/// they are (source, record, rule, when) with a button to drop them once dealt with.
extension WebRoutes {
    /// `POST /quarantine/drop` (admin): forgets one entry (`id`) or every entry.
    @Sendable func dropQuarantine(_ request: Request, _ context: WebContext) async throws -> Response {
        let user = try context.user
        let form = try context.form
        if let text = form.text("id") {
            guard let id = Int64(text) else { return try await showSync(user: user, notice: WebNotice.warn("No such entry."), status: .badRequest) }
            try await store.dropQuarantined(id: id)
            return try await showSync(user: user, notice: WebNotice.ok("Dropped quarantine entry \(id)."))
        }
        let dropped = try await store.dropAllQuarantined()
        return try await showSync(
            user: user,
            notice: WebNotice.ok("Dropped \(Wording.counted(dropped, "quarantine entry", plural: "quarantine entries")).")
        )
    }

    /// The most recent quarantine entries the Sync page lists.
    static let quarantineRowsShown = 50

    /// The section: the counts (entries kept, states not kept) for everyone, the entries (the
    /// 50 most recent) for admins.
    func quarantineSection(user: WebUser) async throws -> HTML {
        let kept = try await store.quarantinedCount()
        let notKept = try await store.quarantinedNotKept()
        guard kept > 0 || notKept > 0 else { return "" }
        let more: HTML =
            notKept == 0
            ? ""
            : " \(notKept) more state\(notKept == 1 ? " was" : "s were") refused and not kept: their source's room in the quarantine was full."
        let intro: HTML = """
            <h2>Quarantine</h2>
            <p class="muted">\(kept) state\(kept == 1 ? " was" : "s were") set aside instead of merged: \
            they broke a rule of what a node accepts (docs/operations.md, "Intake limits"). Everything else from the \
            same peer or file merged.\(more)</p>
            """
        guard user.isAdmin else { return intro }
        let rows = try await store.quarantine(limit: Self.quarantineRowsShown).entries.map { entry -> HTML in
            """
            <tr><td>\(WebFormat.time(millis: entry.lastAt))\(entry.times > 1 ? " (\(entry.times) times)" : "")</td>
            <td>\(entry.source)</td><td><code>\(entry.recordID ?? "—")</code></td><td>\(entry.problem)</td>
            <td><form method="post" action="/quarantine/drop"><input type="hidden" name="csrf" value="\(user.session.csrf)">
            <input type="hidden" name="id" value="\(String(entry.id))"><button type="submit" class="secondary">Drop</button></form></td></tr>
            """
        }
        return """
            \(intro)
            <div class="table-wrap"><table class="list">
            <thead><tr><th scope="col">When</th><th scope="col">From</th><th scope="col">Record</th>
            <th scope="col">Rule it broke</th><th scope="col"></th></tr></thead>
            <tbody>\(Array(rows))</tbody></table></div>
            <form method="post" action="/quarantine/drop"><input type="hidden" name="csrf" value="\(user.session.csrf)">
            <button type="submit" class="secondary">Drop all</button></form>
            """
    }
}
