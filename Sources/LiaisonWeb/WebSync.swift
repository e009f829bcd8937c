import Hummingbird
import LiaisonCore
import LiaisonHTTP
import LiaisonStore
import LiaisonSync

/// `GET /sync`: this node and each peer's last success, last error and how far behind;
/// `POST /sync` (admins): sync with every peer now, then back to `GET /sync` saying how it went
/// (so reloading the page does not sync again).
extension WebRoutes {
    @Sendable func syncPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = WebForm.query(of: request)
        return try await showSync(user: context.user, notice: WebNotice.done(query["done"]), quarantine: QuarantinePlace(query))
    }

    @Sendable func syncNow(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.form(taking: .none)
        let peers = try await store.peers()
        let results = await engine.sync(with: peers)
        let done = peers.isEmpty ? "nopeers" : results.allSatisfy({ (try? $0.result.get()) != nil }) ? "synced" : "syncproblems"
        return .seeOther("/sync?done=\(done)")
    }

    /// The page, its quarantine list at `quarantine` (the first page unless given).
    func showSync(
        user: WebUser,
        notice: HTML?,
        status: HTTPResponse.Status = .ok,
        quarantine: QuarantinePlace = QuarantinePlace()
    ) async throws -> Response {
        let peers = try await store.peers()
        let statuses = Dictionary(try await store.peerStatuses().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let counts = try await store.counts()
        let sequence = try await store.currentSequence()
        let rows = peers.map { peer -> HTML in
            let status = statuses[peer.name] ?? PeerStatus(name: peer.name)
            let healthy = status.lastError == nil && status.lastSuccess != nil
            let state: HTML =
                healthy
                ? "<span class=\"badge status\">OK</span>"
                : status.lastError != nil ? "<span class=\"badge deleted\">Failing</span>" : "<span class=\"badge\">Not yet synced</span>"
            // While syncs fail, the count from the last one that got that far may no longer be true.
            let behind: HTML =
                status.lastError != nil
                ? "Unknown while failing"
                : status.behind.map { $0 == 0 ? "Up to date" : HTML(raw: Wording.counted($0, "change") + " to fetch") } ?? "—"
            let error: HTML =
                status.lastError.map { text in
                    "\(text)<br><span class=\"muted\">\(status.lastErrorAt.map { WebFormat.time(millis: $0) } ?? "")</span>"
                } ?? "—"
            return """
                <tr><td><strong>\(WebFormat.office(peer.name))</strong><br><span class="muted">\(peer.url)</span></td><td>\(state)</td>
                <td>\(status.lastSuccess.map { WebFormat.time(millis: $0) } ?? "never")</td>
                <td>\(behind)</td><td>\(error)</td></tr>
                """
        }
        let table: HTML =
            peers.isEmpty
            ? "<div class=\"card\"><p>This node has no peers yet. An admin adds them below or with <code>liaison peer add</code>.</p></div>"
            : """
            <div class="table-wrap"><table class="list">
            <thead><tr><th scope="col">Peer</th><th scope="col">State</th><th scope="col">Last success</th>
            <th scope="col">Behind</th><th scope="col">Last error</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let button: HTML =
            user.isAdmin && !peers.isEmpty
            ? """
            <form method="post" action="/sync"><input type="hidden" name="csrf" value="\(user.session.csrf)">
            <button type="submit">Sync now</button></form>
            """ : ""
        return try await render(
            "Sync status",
            user: user,
            section: .sync,
            status: status,
            notice: notice,
            body: """
                \(user.isAdmin ? adminTabs("peers") : .empty)
                <div class="page-head"><h1>Sync status</h1><div class="actions">\(button)</div></div>
                <div class="card"><dl class="fields">
                <dt>This node</dt><dd>\(WebFormat.office(store.identity.office)) · <span class="muted">\(store.identity.replicaID)</span></dd>
                <dt>Records</dt><dd>\(counts.records) live, \(counts.deleted) deleted, \(counts.conflicted) with conflicts</dd>
                <dt>Changes made or received here</dt><dd>\(Int(sequence))</dd>
                </dl></div>
                <h2>Peers</h2>
                <p class="muted">Each office's node fetches the others' changes and sends its own every few seconds. "Behind" counts the
                peer's changes this node had not fetched yet when it last asked.</p>
                \(table)
                \(user.isAdmin ? peerForms(peers, user: user) : .empty)
                \(try await quarantineSection(user: user, place: quarantine))
                """
        )
    }
}
